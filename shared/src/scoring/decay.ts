/**
 * A sum of points that all halve every `halfLife` milliseconds.
 *
 * Because one half-life applies to every event, Σ pᵢ·2^(-(t-tᵢ)/H) = K·2^(-(t-ref)/H) with
 * K = Σ pᵢ·2^((tᵢ-ref)/H): adding an event is O(1), the value at any later time is one
 * multiplication, and the time it falls below a threshold has a closed form. Scoring at `now`,
 * replaying the history and predicting the next stage change all use this one formula, so they agree.
 */
export class DecayingSum {
  private k = 0;
  private ref = 0;

  constructor(private readonly halfLifeMs: number) {}

  /** Adds `points` earned at time `at` (events are added in time order). */
  add(points: number, at: number): void {
    if (this.k === 0) {
      this.ref = at;
    } else if ((at - this.ref) / this.halfLifeMs > 256) {
      // Re-anchor before 2^((t-ref)/H) grows towards overflow; the old terms are negligible by then.
      this.k *= 2 ** (-(at - this.ref) / this.halfLifeMs);
      this.ref = at;
    }
    this.k += points * 2 ** ((at - this.ref) / this.halfLifeMs);
  }

  /** The decayed sum at time `t` (not before the last added event). */
  valueAt(t: number): number {
    return this.k === 0 ? 0 : this.k * 2 ** (-(t - this.ref) / this.halfLifeMs);
  }

  /**
   * The first whole millisecond after `from` at which the sum is below `threshold`, or null when it
   * never gets there from above (it is already below, or the threshold is not positive).
   */
  firstTimeBelow(threshold: number, from: number): number | null {
    if (threshold <= 0 || this.valueAt(from) < threshold) return null;
    let t = Math.max(from + 1, Math.floor(this.ref + this.halfLifeMs * Math.log2(this.k / threshold)) + 1);
    // The closed form is exact up to rounding: settle on the first millisecond that really is below.
    while (this.valueAt(t) >= threshold) t++;
    while (t - 1 > from && this.valueAt(t - 1) < threshold) t--;
    return t;
  }
}

/** The factor an event's points are multiplied by `age` milliseconds later. */
export function decayFactor(age: number, halfLifeMs: number): number {
  return 2 ** (-Math.max(0, age) / halfLifeMs);
}
