import type { Unsubscribe } from './dataSource'

/** A tiny typed listener list: sources use it instead of Node's EventEmitter to stay typed. */
export class Listeners<T> {
  private readonly listeners = new Set<(value: T) => void>()

  add(listener: (value: T) => void): Unsubscribe {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(value: T): void {
    for (const listener of this.listeners) listener(value)
  }

  clear(): void {
    this.listeners.clear()
  }

  get size(): number {
    return this.listeners.size
  }
}
