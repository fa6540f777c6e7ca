/**
 * A tiny runtime validator with static types, shared by main (which validates every incoming IPC
 * message), the preload and the renderer. Each validator also describes itself as JSON Schema
 * (the schema engine earlier versions stored settings with; a test still opens the file with it).
 * Pure TypeScript, no dependencies: the renderer imports it.
 */
export type JsonSchema = Record<string, unknown>

export interface Validator<T> {
  /** Throws ValidationError naming the path of the first problem. */
  parse(value: unknown, path?: string): T
  readonly schema: JsonSchema
  /** Type carrier only. */
  readonly _type?: T
}

export type Infer<V> = V extends Validator<infer T> ? T : never

export class ValidationError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string
  ) {
    super(`${path || 'value'}: ${problem}`)
    this.name = 'ValidationError'
  }
}

/**
 * Thrown by a handler whose own, deeper check finds that the request names something it may not
 * act on (e.g. a session id that is a link out of the sessions folder): the IPC guard reports it
 * like an invalid message. Other errors from a handler (a full disk...) are failures, not refusals.
 */
export class RefusedRequestError extends ValidationError {
  constructor(path: string, problem: string) {
    super(path, problem)
    this.name = 'RefusedRequestError'
  }
}

function make<T>(schema: JsonSchema, parse: (value: unknown, path: string) => T): Validator<T> {
  return { schema, parse: (value, path = '') => parse(value, path) }
}

/**
 * A plain object as JSON or structured clone makes it - not an array, Date, Map or class instance
 * (IPC's structured clone can deliver those, and they would pass as an empty object).
 */
function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false
  const proto = Object.getPrototypeOf(x) as unknown
  return proto === Object.prototype || proto === null
}

const describe = (v: unknown): string =>
  v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'object' && !isPlainObject(v)
        ? `a ${Object.prototype.toString.call(v).slice(8, -1)}`
        : typeof v === 'string'
          ? `"${v.slice(0, 40)}"`
          : typeof v

export const v = {
  number(opts: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
    const schema: JsonSchema = { type: opts.integer ? 'integer' : 'number' }
    if (opts.min !== undefined) schema.minimum = opts.min
    if (opts.max !== undefined) schema.maximum = opts.max
    return make(schema, (x, path) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new ValidationError(path, `expected a finite number, got ${describe(x)}`)
      if (opts.integer && !Number.isInteger(x))
        throw new ValidationError(path, `expected an integer, got ${x}`)
      if (opts.min !== undefined && x < opts.min)
        throw new ValidationError(path, `${x} is below the minimum ${opts.min}`)
      if (opts.max !== undefined && x > opts.max)
        throw new ValidationError(path, `${x} is above the maximum ${opts.max}`)
      return x
    })
  },

  string(opts: { maxLength?: number; minLength?: number; pattern?: RegExp } = {}): Validator<string> {
    const maxLength = opts.maxLength ?? 10_000
    const schema: JsonSchema = { type: 'string', maxLength }
    if (opts.minLength) schema.minLength = opts.minLength
    if (opts.pattern) schema.pattern = opts.pattern.source
    return make(schema, (x, path) => {
      if (typeof x !== 'string') throw new ValidationError(path, `expected a string, got ${describe(x)}`)
      if (x.length > maxLength) throw new ValidationError(path, `string longer than ${maxLength} characters`)
      if (opts.minLength && x.length < opts.minLength)
        throw new ValidationError(path, `string shorter than ${opts.minLength}`)
      if (opts.pattern && !opts.pattern.test(x))
        throw new ValidationError(path, `"${x.slice(0, 40)}" has the wrong format`)
      return x
    })
  },

  boolean(): Validator<boolean> {
    return make({ type: 'boolean' }, (x, path) => {
      if (typeof x !== 'boolean')
        throw new ValidationError(path, `expected true or false, got ${describe(x)}`)
      return x
    })
  },

  literal<const L extends string | number | boolean>(value: L): Validator<L> {
    return make({ const: value }, (x, path) => {
      if (x !== value)
        throw new ValidationError(path, `expected ${JSON.stringify(value)}, got ${describe(x)}`)
      return value
    })
  },

  enum<const E extends readonly string[]>(values: E): Validator<E[number]> {
    return make({ enum: [...values] }, (x, path) => {
      if (typeof x !== 'string' || !values.includes(x)) {
        throw new ValidationError(path, `expected one of ${values.join(', ')}, got ${describe(x)}`)
      }
      return x as E[number]
    })
  },

  nullable<T>(inner: Validator<T>): Validator<T | null> {
    return make({ anyOf: [inner.schema, { type: 'null' }] }, (x, path) =>
      x === null ? null : inner.parse(x, path)
    )
  },

  array<T>(item: Validator<T>, opts: { maxItems?: number } = {}): Validator<T[]> {
    const maxItems = opts.maxItems ?? 10_000
    return make({ type: 'array', items: item.schema, maxItems }, (x, path) => {
      if (!Array.isArray(x)) throw new ValidationError(path, `expected an array, got ${describe(x)}`)
      if (x.length > maxItems) throw new ValidationError(path, `more than ${maxItems} items`)
      return x.map((el, i) => item.parse(el, `${path}[${i}]`))
    })
  },

  /** A closed object: unknown keys are rejected, so a typo or an injected field never passes. */
  object<S extends Record<string, Validator<unknown>>, O extends keyof S = never>(
    shape: S,
    opts: { optional?: O[] } = {}
  ): Validator<ObjectOf<S, O>> {
    const optional = new Set<keyof S>(opts.optional ?? [])
    const required = Object.keys(shape).filter((k) => !optional.has(k))
    const schema: JsonSchema = {
      type: 'object',
      properties: Object.fromEntries(Object.entries(shape).map(([k, val]) => [k, val.schema])),
      required,
      additionalProperties: false
    }
    const validator = make(schema, (x, path) => {
      if (!isPlainObject(x)) throw new ValidationError(path, `expected an object, got ${describe(x)}`)
      const obj = x as Record<string, unknown>
      // Own properties only: `key in shape` would let `__proto__`, `constructor` or `toString`
      // (inherited from Object.prototype) pass as if they were fields.
      for (const key of Object.keys(obj)) {
        if (!Object.hasOwn(shape, key))
          throw new ValidationError(path ? `${path}.${key}` : key, 'unknown field')
      }
      const out: Record<string, unknown> = {}
      for (const [key, val] of Object.entries(shape)) {
        const p = path ? `${path}.${key}` : key
        const value = Object.hasOwn(obj, key) ? obj[key] : undefined
        if (value === undefined) {
          if (optional.has(key)) continue
          throw new ValidationError(p, 'missing')
        }
        out[key] = val.parse(value, p)
      }
      return out as ObjectOf<S, O>
    })
    return Object.assign(validator, { fields: shape as Record<string, Validator<unknown>> })
  },

  /** Any plain JSON value (no functions, no class instances), bounded in depth and size. */
  json(opts: { maxDepth?: number; maxChars?: number } = {}): Validator<JsonValue> {
    const maxDepth = opts.maxDepth ?? 6
    const maxChars = opts.maxChars ?? 20_000
    const check = (x: unknown, path: string, depth: number): void => {
      if (depth > maxDepth) throw new ValidationError(path, `nested deeper than ${maxDepth}`)
      if (x === null || typeof x === 'boolean' || typeof x === 'string') return
      if (typeof x === 'number') {
        if (!Number.isFinite(x)) throw new ValidationError(path, 'numbers must be finite')
        return
      }
      if (Array.isArray(x)) return x.forEach((el, i) => check(el, `${path}[${i}]`, depth + 1))
      if (isPlainObject(x)) {
        for (const [k, val] of Object.entries(x)) {
          // An own "__proto__" (JSON.parse makes one) would set the prototype of whatever object
          // a later assignment copies this document into.
          if (k === '__proto__') throw new ValidationError(path ? `${path}.${k}` : k, 'field not allowed')
          check(val, path ? `${path}.${k}` : k, depth + 1)
        }
        return
      }
      throw new ValidationError(path, `not a JSON value (${describe(x)})`)
    }
    return make({}, (x, path) => {
      check(x, path, 0)
      if (JSON.stringify(x).length > maxChars)
        throw new ValidationError(path, `larger than ${maxChars} characters`)
      return x as JsonValue
    })
  },

  /** No payload: accepts undefined or null only. */
  none(): Validator<void> {
    return make({ type: 'null' }, (x, path) => {
      if (x !== undefined && x !== null)
        throw new ValidationError(path, `expected no payload, got ${describe(x)}`)
    })
  }
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

type ObjectOf<S extends Record<string, Validator<unknown>>, O extends keyof S> = Flatten<
  { [K in Exclude<keyof S, O>]: Infer<S[K]> } & { [K in O]?: Infer<S[K]> }
>
type Flatten<T> = { [K in keyof T]: T[K] }

/**
 * The same object with every field optional, recursively, for "patch" messages. Nested objects
 * become partial too; arrays and scalars are replaced whole.
 */
export function deepPartial<T>(validator: Validator<T>): Validator<DeepPartial<T>> {
  const schema = validator.schema as { type?: string; properties?: Record<string, JsonSchema> }
  if (schema.type !== 'object' || !schema.properties) return validator as Validator<DeepPartial<T>>
  return make({ ...schema, required: [] }, (x, path) => {
    if (!isPlainObject(x)) throw new ValidationError(path, `expected an object, got ${describe(x)}`)
    const out: Record<string, unknown> = {}
    const fields = (validator as unknown as { fields?: Record<string, Validator<unknown>> }).fields
    for (const [key, value] of Object.entries(x as Record<string, unknown>)) {
      const p = path ? `${path}.${key}` : key
      // Own fields only: `fields.constructor` is Object, not a validator.
      const field = fields && Object.hasOwn(fields, key) ? fields[key] : undefined
      if (!field) throw new ValidationError(p, 'unknown field')
      out[key] = deepPartial(field).parse(value, p)
    }
    return out as DeepPartial<T>
  })
}

export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T
