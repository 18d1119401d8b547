/**
 * Figure tasks on the chapters' trained models (registered in `FIGURE_CHECKS`, `./figure-checks`):
 *
 * - `autoencoder-hole` (chapter 5, `fig:autoencoder-lab`): the cross of the autoencoder's code
 *   plot sits in a hole — farther from every plotted test code than HOLE_QUANTILE of those codes
 *   are from their nearest neighbour (`src/lib/math/code-holes`), recomputed from the published
 *   codes, not read from the widget's own counts.
 * - `gan-ring-modes` (chapter 9, `fig:toy-gan`): on the ring of eight Gaussians, the generator's
 *   published samples reach at least GAN_MODES_GOAL modes, counted by `modeReport`
 *   (`src/lib/math/toy-2d`) against the mode centres of the library's own ring, not the widget's.
 */
import { HOLE_QUANTILE, holeThreshold, nearestDistances } from '../math/code-holes.ts';
import { MODE_RADIUS_SIGMAS, MODE_SHARE_OF_FAIR, modeReport, toyMixture } from '../math/toy-2d.ts';
import { type Check, fmt, isRecord, notReady, num, numberArray } from './figure-check-kit.ts';

/** The quantile of the hole rule, as a percentage for messages and prompts. */
export const HOLE_PERCENT = Math.round(100 * HOLE_QUANTILE);

/** Autoencoder lab (chapter 5): the decoded code under the cross lies in a hole of the plotted codes. */
export const autoencoderHole: Check = ({ value }) => {
  const codes = isRecord(value) ? numberArray(value['codes']) : undefined;
  if (codes === undefined || codes.length < 4 || codes.length % 2 !== 0) return notReady;
  const z = numberArray(isRecord(value) ? value['decodedZ'] : undefined);
  if (z === undefined || z.length !== 2) {
    return {
      done: false,
      message: {
        en: "Not yet: place the cross in the autoencoder's code plot (press in it, or focus it and use the arrow keys).",
        zh: '还没有：请在自编码器的编码图中放置十字（在图中按下，或聚焦后使用方向键）。',
      },
    };
  }
  const [z1 = 0, z2 = 0] = z;
  const distance = nearestDistances(z, codes)[0] ?? Number.NaN;
  const threshold = holeThreshold(codes);
  const values = `the cross at z = (${fmt(z1, 2)}, ${fmt(z2, 2)}) is ${fmt(distance)} from the nearest of the ${codes.length / 2} test codes; ${HOLE_PERCENT} % of them have a neighbour within ${fmt(threshold)}`;
  const valuesZh = `位于 z = (${fmt(z1, 2)}, ${fmt(z2, 2)}) 的十字与 ${codes.length / 2} 个测试编码中最近的一个相距 ${fmt(distance)}；其中 ${HOLE_PERCENT}% 的编码在 ${fmt(threshold)} 以内有近邻`;
  return distance > threshold
    ? {
        done: true,
        message: {
          en: `Done: ${values}. No training image was encoded near this code, so nothing made the decoder draw a digit here: look at what it makes.`,
          zh: `完成：${valuesZh}。没有训练图像被编码到这个编码附近，没有什么迫使解码器在这里画出数字：看看它画出了什么。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet: ${values}; move the cross farther from every code, into an empty region of the plot.`,
          zh: `还没有：${valuesZh}；请把十字移到离所有编码都更远的空白区域。`,
        },
      };
};

/** The toy GAN's ring, and how many of its modes the generated points must reach. */
const RING = toyMixture('ring');
export const GAN_RING_MODES = RING.means.length;
export const GAN_MODES_GOAL = 6;

/**
 * Toy GAN (chapter 9): on the ring, the generated samples cover at least GAN_MODES_GOAL modes,
 * by `modeReport`'s own rule (the one the figure's table uses).
 */
export const ganRingModes: Check = ({ value }) => {
  if (!isRecord(value) || typeof value['distribution'] !== 'string') return notReady;
  if (value['distribution'] !== 'ring') {
    return {
      done: false,
      message: {
        en: `Choose the ring of ${GAN_RING_MODES} Gaussians as the real data first.`,
        zh: `请先选择由 ${GAN_RING_MODES} 个高斯分布组成的圆环作为真实数据。`,
      },
    };
  }
  const fake = numberArray(value['fake']);
  if (fake === undefined || fake.length < 2) {
    return {
      done: false,
      message: {
        en: 'Not yet: the generator has no samples to count; wait until the figure shows them.',
        zh: '还没有：生成器还没有可统计的样本；请等图中显示出样本。',
      },
    };
  }
  const report = modeReport(RING, fake);
  const step = num(value['step']);
  const at = Number.isFinite(step) ? ` after ${step} steps` : '';
  const atZh = Number.isFinite(step) ? `训练 ${step} 步后，` : '';
  const share = fmt(MODE_SHARE_OF_FAIR, 2);
  const values = `${report.modesCovered} of ${GAN_RING_MODES} modes have at least ${share} of their fair share of the ${fake.length / 2} generated points within ${MODE_RADIUS_SIGMAS}σ of their centre, and ${fmt(100 * report.nearFraction, 1)} % of the points lie that near a mode`;
  const valuesZh = `${GAN_RING_MODES} 个模式中有 ${report.modesCovered} 个在中心 ${MODE_RADIUS_SIGMAS}σ 以内至少落有其应得份额 ${share} 倍的生成点（共 ${fake.length / 2} 个），${fmt(100 * report.nearFraction, 1)}% 的生成点离某个模式这么近`;
  return report.modesCovered >= GAN_MODES_GOAL
    ? {
        done: true,
        message: {
          en: `Done${at}: ${values}. Keep training and watch the count: modes are dropped and found again, the mode hopping of an alternating game.`,
          zh: `完成：${atZh}${valuesZh}。继续训练并观察这个数：模式会被丢下又被重新找到，这就是交替博弈中的模式跳跃。`,
        },
      }
    : {
        done: false,
        message: {
          en: `Not yet${at}: ${values}; at least ${GAN_MODES_GOAL} modes must be reached. Keep training; if the count stays low for long, try “Train from scratch”.`,
          zh: `还没有：${atZh}${valuesZh}；需要至少覆盖 ${GAN_MODES_GOAL} 个模式。请继续训练；如果这个数长时间不升，试试“从头训练”。`,
        },
      };
};
