/**
 * Field paths as upstream prints them (apimachinery util/validation/field.Path):
 * children joined with '.', list indexes and map keys in brackets, keys unquoted
 * (`overhead.limits[example.com/foo]`).
 */

export const child = (path: string, ...names: string[]): string =>
  [path, ...names].filter((p) => p !== '').join('.')

export const index = (path: string, i: number): string => `${path}[${i}]`

export const key = (path: string, k: string): string => `${path}[${k}]`
