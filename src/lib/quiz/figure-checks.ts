/**
 * Figure tasks' predicates: each grades the published state of one interactive figure (the
 * widget element's `value`, set with an `input` event, and its `data-*` attributes) and says,
 * in both locales, what is still missing. Pure functions over plain objects: the numbers they
 * compare come from `src/lib/math`, never from the widget's own read-outs, so a task cannot be
 * met by a display bug or by typing an answer.
 *
 * Adding a task: write a predicate here, add its name to FIGURE_CHECKS, and reference it from a
 * chapter's question file as `{ kind: 'figure', check: '<name>', figure: 'fig:<label>', … }`.
 */
import { gaussianAsMixture, averageLogLikelihood, eStep, fitGaussian, mStep, mixtureLogLikelihood, type MixtureComponent } from '../math/mixture.ts';
import { klNormal } from '../math/kl.ts';
import { klToPosterior, logEvidence as logEvidenceOf, MODEL_PRESETS, type ToyModelKind } from '../math/latent-models.ts';
import { perSampleVariance, testFunction, type TestFunctionName, type GradientParam } from '../math/gradient-estimators.ts';
import type { Normal1D } from '../math/gaussian.ts';
import { iwaeCurveToy } from '../math/iwae.ts';
import { mulberry32 } from '../math/random.ts';
import { interpolate, norm } from '../math/interpolation.ts';
import { galleryVaeganSharper, vaeganSharperThanReal } from './figure-checks-comparison.ts';
import { autoencoderHole, ganRingModes } from './figure-checks-models.ts';
import { type Check, type CheckResult, type FigureState, fmt, isRecord, notReady, num, parseJson } from './figure-check-kit.ts';

export type { CheckResult, FigureState } from './figure-check-kit.ts';

/** KL explorer (chapter A): p = N(0, 1) kept, q chosen so that KL(p‖q) > KL(q‖p). */
const klForwardAboveReverse: Check = ({ value }) => {
  if (!isRecord(value)) return notReady;
  const p: Normal1D = { mu: num(value['mu1']), sigma: num(value['sigma1']) };
  const q: Normal1D = { mu: num(value['mu2']), sigma: num(value['sigma2']) };
  if (Math.abs(p.mu) > 1e-9 || Math.abs(p.sigma - 1) > 1e-9) {
    return {
      done: false,
      message: {
        en: `p must stay N(0, 1); it is N(${fmt(p.mu, 2)}, ${fmt(p.sigma, 2)}²).`,
        zh: `p 必须保持为 N(0, 1)，现在是 N(${fmt(p.mu, 2)}, ${fmt(p.sigma, 2)}²)。`,
      },
    };
  }
  const pq = klNormal(p, q);
  const qp = klNormal(q, p);
  const values = `KL(p‖q) = ${fmt(pq)}, KL(q‖p) = ${fmt(qp)}`;
  return pq > qp
    ? {
        done: true,
        message: {
          en: `Done: ${values}. A q narrower than p pays heavily where p has mass and q has little.`,
          zh: `完成：${values}。比 p 窄的 q 在 p 有质量而 q 几乎没有的地方代价很大。`,
        },
      }
    : { done: false, message: { en: `Not yet: ${values}; KL(p‖q) must be the larger one.`, zh: `还没有：${values}；需要 KL(p‖q) 更大。` } };
};

/** Density fit (chapter 1): a single Gaussian within 0.005 nats per point of its maximum likelihood. */
const densityGaussianMle: Check = ({ value }) => {
  if (!isRecord(value) || !isRecord(value['params']) || !Array.isArray(value['points'])) return notReady;
  const points = (value['points'] as unknown[]).map(num);
  if (value['model'] !== 'gaussian') {
    return { done: false, message: { en: 'Choose the single Gaussian model first.', zh: '请先选择单个高斯分布模型。' } };
  }
  const params = value['params'];
  const current = averageLogLikelihood(points, gaussianAsMixture({ mu: num(params['mu']), sigma: num(params['sigma']) }));
  const best = averageLogLikelihood(points, gaussianAsMixture(fitGaussian(points)));
  const short = best - current;
  return short <= 0.005
    ? {
        done: true,
        message: { en: `Done: ${fmt(current)} nats per point, the maximum is ${fmt(best)}.`, zh: `完成：每个点 ${fmt(current)} 奈特，最大值为 ${fmt(best)}。` },
      }
    : {
        done: false,
        message: {
          en: `Not yet: ${fmt(current)} nats per point, ${fmt(short)} below the maximum for these points.`,
          zh: `还没有：每个点 ${fmt(current)} 奈特，比这些点的最大值低 ${fmt(short)}。`,
        },
      };
};

/** EM stepper (chapter 2): EM run to convergence (one more iteration gains < 10⁻⁴ nats per point). */
const emConverged: Check = ({ value }) => {
  const state = isRecord(value) ? value['state'] : undefined;
  if (!isRecord(state) || !Array.isArray(state['points']) || !Array.isArray(state['mixture'])) return notReady;
  const points = (state['points'] as unknown[]).map(num);
  const mixture = state['mixture'] as MixtureComponent[];
  const now = mixtureLogLikelihood(points, mixture) / points.length;
  const next = mStep(points, eStep(points, mixture).responsibilities, { minSigma: 0.1, previous: mixture });
  const gain = mixtureLogLikelihood(points, next) / points.length - now;
  return gain < 1e-4
    ? {
        done: true,
        message: {
          en: `Done: log-likelihood ${fmt(now)} per point; another EM iteration would add less than 0.0001.`,
          zh: `完成：每个点的对数似然为 ${fmt(now)}；再迭代一次 EM 的提升不到 0.0001。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: another E-step and M-step would still raise the log-likelihood by ${fmt(gain, 4)} per point (from ${fmt(now)}).`,
          zh: `还没有：再做一次 E 步和 M 步，每个点的对数似然还能提高 ${fmt(gain, 4)}（当前 ${fmt(now)}）。`,
        },
      };
};

/** ELBO gap (chapter 3): for the linear-Gaussian model, q within 0.01 nats of the posterior. */
const elboGapClosed: Check = ({ value }) => {
  if (!isRecord(value) || typeof value['model'] !== 'string') return notReady;
  if (value['model'] !== 'linear-gaussian') {
    return { done: false, message: { en: 'Choose the linear-Gaussian model first.', zh: '请先选择线性高斯模型。' } };
  }
  const model = MODEL_PRESETS[value['model'] as ToyModelKind];
  const gap = klToPosterior(model, num(value['x']), { mu: num(value['m']), sigma: num(value['s']) });
  return gap < 0.01
    ? {
        done: true,
        message: {
          en: `Done: the gap KL(q‖p(z|x)) is ${fmt(gap, 4)} nats; the ELBO all but equals log p(x).`,
          zh: `完成：间隙 KL(q‖p(z|x)) 为 ${fmt(gap, 4)} 奈特，ELBO 几乎等于 log p(x)。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: the gap KL(q‖p(z|x)) is ${fmt(gap)} nats; it must be below 0.01.`,
          zh: `还没有：间隙 KL(q‖p(z|x)) 为 ${fmt(gap)} 奈特，需要小于 0.01。`,
        },
      };
};

/**
 * Gradient estimators (chapter 4): the smallest sample count N at which the score-function
 * estimator's standard deviation is at most the single-sample pathwise one's (f(z) = z², ∂/∂μ).
 */
const scoreMatchesPathwise: Check = ({ value }) => {
  if (!isRecord(value) || typeof value['fn'] !== 'string') return notReady;
  if (value['fn'] !== 'square' || value['param'] !== 'mu') {
    return { done: false, message: { en: 'Use f(z) = z² and the gradient with respect to μ.', zh: '请使用 f(z) = z²，并对 μ 求梯度。' } };
  }
  const fn = testFunction(value['fn'] as TestFunctionName);
  const q: Normal1D = { mu: num(value['mu']), sigma: num(value['sigma']) };
  const param = value['param'] as GradientParam;
  const n = num(value['n']);
  const path = Math.sqrt(perSampleVariance('pathwise', fn, q, param));
  const sd = (count: number) => Math.sqrt(perSampleVariance('score', fn, q, param) / count);
  if (sd(n) > path) {
    return {
      done: false,
      message: {
        en: `Not yet: with N = ${n} the score-function estimate's standard deviation is ${fmt(sd(n))}, above the pathwise ${fmt(path)} with one sample.`,
        zh: `还没有：N = ${n} 时得分函数估计量的标准差为 ${fmt(sd(n))}，高于单样本路径导数估计量的 ${fmt(path)}。`,
      },
    };
  }
  if (n > 1 && sd(n / 4) <= path) {
    return {
      done: false,
      message: {
        en: `N = ${n} is enough, but not the smallest: N = ${n / 4} already gives ${fmt(sd(n / 4))} ≤ ${fmt(path)}.`,
        zh: `N = ${n} 已经足够，但不是最小的：N = ${n / 4} 已给出 ${fmt(sd(n / 4))} ≤ ${fmt(path)}。`,
      },
    };
  }
  return {
    done: true,
    message: {
      en: `Done: N = ${n} gives ${fmt(sd(n))} ≤ ${fmt(path)}, and ${n / 4 >= 1 ? `N = ${n / 4} gives ${fmt(sd(n / 4))}` : 'no smaller N is offered'}.`,
      zh: `完成：N = ${n} 给出 ${fmt(sd(n))} ≤ ${fmt(path)}，${n / 4 >= 1 ? `而 N = ${n / 4} 给出 ${fmt(sd(n / 4))}` : '没有更小的 N 可选'}。`,
    },
  };
};

/**
 * IWAE bound (chapter 8): linear-Gaussian model, x = 1.5, proposal N(0, 1); the smallest K the
 * slider offers for which the toy panel's estimate of L_K is within 0.05 nats of log p(x). The
 * curve is recomputed here with the panel's published seed and sample count.
 */
const iwaeSmallestK: Check = ({ value }) => {
  if (!isRecord(value) || !isRecord(value['q']) || !Array.isArray(value['kSteps'])) return notReady;
  const x = num(value['x']);
  if (value['model'] !== 'linear-gaussian' || value['proposal'] !== 'standard' || Math.abs(x - 1.5) > 1e-9) {
    return {
      done: false,
      message: { en: 'Use the linear-Gaussian model, x = 1.5 and the proposal N(0, 1).', zh: '请使用线性高斯模型、x = 1.5 和提议分布 N(0, 1)。' },
    };
  }
  const model = MODEL_PRESETS['linear-gaussian'];
  const q: Normal1D = { mu: num(value['q']['mu']), sigma: num(value['q']['sigma']) };
  const curve = iwaeCurveToy(model, x, q, num(value['kMax']), num(value['samples']), mulberry32(num(value['seed'])));
  const logEvidence = logEvidenceOf(model, x);
  const gap = (k: number) => logEvidence - (curve[k - 1]?.mean ?? Number.NaN);
  const k = num(value['k']);
  const steps = (value['kSteps'] as unknown[]).map(num);
  const smaller = steps.filter((s) => s < k && gap(s) <= 0.05);
  if (!(gap(k) <= 0.05)) {
    return {
      done: false,
      message: {
        en: `Not yet: at K = ${k} the bound is ${fmt(gap(k))} nats below log p(x); it must be within 0.05.`,
        zh: `还没有：K = ${k} 时下界比 log p(x) 低 ${fmt(gap(k))} 奈特，需要在 0.05 以内。`,
      },
    };
  }
  if (smaller.length > 0) {
    return {
      done: false,
      message: {
        en: `K = ${k} is close enough (${fmt(gap(k))} nats), but not the smallest: K = ${smaller[0]} already is.`,
        zh: `K = ${k} 已经足够接近（${fmt(gap(k))} 奈特），但不是最小的：K = ${smaller[0]} 就已满足。`,
      },
    };
  }
  return {
    done: true,
    message: {
      en: `Done: at K = ${k} the bound is ${fmt(gap(k))} nats below log p(x), and no smaller K on the slider gets within 0.05.`,
      zh: `完成：K = ${k} 时下界比 log p(x) 低 ${fmt(gap(k))} 奈特，滑块上更小的 K 都达不到 0.05 以内。`,
    },
  };
};

/**
 * CVAE explorer (chapter 7): label y = 7 and a code z at least 2 from the origin (outside the
 * disc that holds 86 % of the prior's mass) where the shipped classifier reads the decoded image
 * as 7. Reads the root's `data-label`, `data-z`, `data-classified` (the readings of the row of
 * ten at the code `data-classified-z` they were made for).
 */
const CVAE_LABEL = 7;
const CVAE_RADIUS = 2;
const cvaeFarSeven: Check = ({ data }) => {
  const z = parseJson(data['z']);
  const readings = parseJson(data['classified']);
  const readAt = parseJson(data['classifiedZ']);
  if (!Array.isArray(z) || !Array.isArray(readings) || !Array.isArray(readAt)) return notReady;
  const [z1, z2] = z.map(num) as [number, number];
  const radius = Math.hypot(z1, z2);
  if (Number(data['label']) !== CVAE_LABEL) {
    return { done: false, message: { en: `Choose the label y = ${CVAE_LABEL} first.`, zh: `请先选择标签 y = ${CVAE_LABEL}。` } };
  }
  if (!(radius >= CVAE_RADIUS)) {
    return {
      done: false,
      message: {
        en: `Not yet: ‖z‖ = ${fmt(radius, 2)}; move z at least ${CVAE_RADIUS} away from the origin.`,
        zh: `还没有：‖z‖ = ${fmt(radius, 2)}；请把 z 移到离原点至少 ${CVAE_RADIUS} 的地方。`,
      },
    };
  }
  if (readAt.length !== 2 || Math.abs(num(readAt[0]) - z1) > 1e-9 || Math.abs(num(readAt[1]) - z2) > 1e-9) {
    return {
      done: false,
      message: { en: 'Not yet: the figure is still redrawing this z; check again in a moment.', zh: '还没有：图还在重绘这个 z；请稍后再检查。' },
    };
  }
  const reading = num(readings[CVAE_LABEL]);
  return reading === CVAE_LABEL
    ? {
        done: true,
        message: {
          en: `Done: at z = (${fmt(z1, 2)}, ${fmt(z2, 2)}), ‖z‖ = ${fmt(radius, 2)}, the classifier reads the generated digit as ${CVAE_LABEL}: the label, not the region of z, sets the class.`,
          zh: `完成：在 z = (${fmt(z1, 2)}, ${fmt(z2, 2)})、‖z‖ = ${fmt(radius, 2)} 处，分类器把生成的数字读作 ${CVAE_LABEL}：决定类别的是标签，而不是 z 所在的区域。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: at z = (${fmt(z1, 2)}, ${fmt(z2, 2)}) the classifier reads the generated digit as ${reading}, not ${CVAE_LABEL}; try another z as far out.`,
          zh: `还没有：在 z = (${fmt(z1, 2)}, ${fmt(z2, 2)}) 处，分类器把生成的数字读作 ${reading}，而不是 ${CVAE_LABEL}；请换一个同样远的 z 再试。`,
        },
      };
};

/**
 * Latent interpolation (chapter 6): with the 20-D VAE, two different images and a path whose
 * midpoint code has a typical length under the prior, within 10 % of √J. The midpoint is
 * recomputed from the published codes of A and B.
 */
const interpolationTypicalMidpoint: Check = ({ value }) => {
  if (!isRecord(value) || !Array.isArray(value['za']) || !Array.isArray(value['zb'])) return notReady;
  if (value['model'] !== 'vae20') {
    return { done: false, message: { en: 'Use the 20-D VAE first.', zh: '请先使用 20 维 VAE。' } };
  }
  if (value['a'] === value['b']) {
    return { done: false, message: { en: 'Not yet: choose two different images A and B.', zh: '还没有：请选择两张不同的图像 A 和 B。' } };
  }
  const za = (value['za'] as unknown[]).map(num);
  const zb = (value['zb'] as unknown[]).map(num);
  const kind = value['path'] === 'spherical' ? 'spherical' : 'linear';
  const typical = Math.sqrt(za.length);
  const mid = norm(interpolate(za, zb, 0.5, kind));
  const off = Math.abs(mid - typical) / typical;
  const values = `‖z‖ = ${fmt(norm(za), 2)} at A, ${fmt(mid, 2)} halfway, ${fmt(norm(zb), 2)} at B; √${za.length} = ${fmt(typical, 2)}`;
  const valuesZh = `A 处 ‖z‖ = ${fmt(norm(za), 2)}，中点 ${fmt(mid, 2)}，B 处 ${fmt(norm(zb), 2)}；√${za.length} = ${fmt(typical, 2)}`;
  return off <= 0.1
    ? {
        done: true,
        message: {
          en: `Done: ${values}. The midpoint has the length of a typical prior code, so the decoder sees a code like those it was trained on.`,
          zh: `完成：${valuesZh}。中点的长度与典型的先验编码相同，解码器看到的编码与训练时的相似。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: ${values}; the midpoint must be within 10 % of √${za.length}.`,
          zh: `还没有：${valuesZh}；中点的长度需要在 √${za.length} 的 10% 以内。`,
        },
      };
};

/** Every figure task's predicate, by the name question files use. */
export const FIGURE_CHECKS = {
  'kl-forward-above-reverse': klForwardAboveReverse,
  'density-gaussian-mle': densityGaussianMle,
  'em-converged': emConverged,
  'elbo-gap-closed': elboGapClosed,
  'score-matches-pathwise': scoreMatchesPathwise,
  'iwae-smallest-k': iwaeSmallestK,
  'cvae-far-seven': cvaeFarSeven,
  'interpolation-typical-midpoint': interpolationTypicalMidpoint,
  'vaegan-sharper-than-real': vaeganSharperThanReal,
  'gallery-vaegan-sharper': galleryVaeganSharper,
  'autoencoder-hole': autoencoderHole,
  'gan-ring-modes': ganRingModes,
} as const satisfies Record<string, Check>;

export type FigureCheckName = keyof typeof FIGURE_CHECKS;
export const FIGURE_CHECK_NAMES = Object.keys(FIGURE_CHECKS) as [FigureCheckName, ...FigureCheckName[]];

/** Grades a figure's published state with the named check. */
export function checkFigure(name: FigureCheckName, state: FigureState): CheckResult {
  return FIGURE_CHECKS[name](state);
}
