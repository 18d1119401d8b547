/**
 * Tells the textbook components whether they are being rendered into a lecture deck.
 *
 * A deck page (`Deck.astro`) renders the chapter's whole MDX with `deck` set on `Astro.locals`;
 * `<Slide>` then renders a reveal.js `<section>` instead of its bare children, and the textbook
 * components read the locale from here instead of from Starlight's route data (a deck page is
 * not a Starlight page, so `locals.starlightRoute` is not defined there).
 */
export interface DeckContext {
  /** BCP-47 language of the deck ('en', 'zh-CN'). */
  lang: string;
}

interface WithDeck {
  vbDeck?: DeckContext;
}

/** The deck being rendered, or undefined on an ordinary (chapter) page. */
export function deckContext(locals: object): DeckContext | undefined {
  return (locals as WithDeck).vbDeck;
}

/** Marks the current render as a deck render (called by `Deck.astro` before it renders the chapter). */
export function setDeckContext(locals: object, context: DeckContext): void {
  (locals as WithDeck).vbDeck = context;
}
