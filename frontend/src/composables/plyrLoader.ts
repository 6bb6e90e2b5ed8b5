import type Plyr from 'plyr'

export type PlyrConstructor = typeof Plyr

/** Plyr and its style sheet, loaded on the first video shown. Specs replace this module. */
export async function loadPlyr(): Promise<PlyrConstructor> {
  const [module] = await Promise.all([import('plyr'), import('plyr/dist/plyr.css')])
  return module.default
}
