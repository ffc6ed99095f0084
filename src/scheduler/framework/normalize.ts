/**
 * Upstream's DefaultNormalizeScore: scale raw scores so the highest becomes
 * MAX_NODE_SCORE (integer division), optionally reversed (lower raw is better).
 * All zeros stay zero, or become MAX_NODE_SCORE when reversed.
 */
import { MAX_NODE_SCORE } from './interface.ts'

export const defaultNormalizeScores = (scores: number[], reverse: boolean): void => {
  let max = 0
  for (const s of scores) if (s > max) max = s
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) {
      if (reverse) scores[i] = MAX_NODE_SCORE
      continue
    }
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max)
    scores[i] = reverse ? MAX_NODE_SCORE - s : s
  }
}
