/**
 * A push-to-pull bridge: producers push chunks, one consumer iterates them.
 * Used to turn store watch callbacks into a streamed HTTP body.
 */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private items: T[] = []
  private waiting: ((r: IteratorResult<T>) => void) | undefined
  private ended = false
  private onEnd: (() => void)[] = []

  push(item: T) {
    if (this.ended) return
    if (this.waiting) {
      const w = this.waiting
      this.waiting = undefined
      w({ value: item, done: false })
    } else this.items.push(item)
  }

  end() {
    if (this.ended) return
    this.ended = true
    if (this.waiting) {
      const w = this.waiting
      this.waiting = undefined
      w({ value: undefined, done: true })
    }
    for (const f of this.onEnd) f()
  }

  /** Runs `f` when the queue ends (producer end, or consumer stopped iterating). */
  finally(f: () => void) {
    if (this.ended) f()
    else this.onEnd.push(f)
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false })
        if (this.ended) return Promise.resolve({ value: undefined, done: true })
        return new Promise((resolve) => (this.waiting = resolve))
      },
      return: () => {
        this.items = []
        this.end()
        return Promise.resolve({ value: undefined, done: true })
      },
    }
  }
}
