import { chartNodeHtml, type ExperimentChartOption } from '@/components/editor/chartSource'
import { newArtifact, type CardForm } from '@/components/cards/cardForm'
import { isArtifactUrl } from '@/components/cards/cardUrls'
import { LABELS_MAX, LABEL_MAX_LENGTH, normalizeLabels } from '@/components/cards/cardLabels'
import type { TrackerArtifact } from '@/types/experiments'
import { countOf } from '@/components/shell/countOf'

/** What the user ticked in the import dialog, from one experiment read at `fetchedAt`. */
export interface ExperimentImport {
  connectorId: string
  experimentId: string
  fetchedAt: string
  tags: string[]
  frameworks: string[]
  artifacts: TrackerArtifact[]
  charts: ExperimentChartOption[]
}

/** What an import changed, and what it had to leave out (shown to the user). */
export interface ImportSummary {
  tags: number
  frameworks: number
  artifacts: number
  charts: number
  skipped: string[]
}

/** Artifacts a card can hold: an http, https or s3 URL (other tracker locations are skipped). */
export function importableArtifact(artifact: TrackerArtifact): boolean {
  return !!artifact.url && isArtifactUrl(artifact.url)
}

/** Adds labels after the card's own, as the server would keep them; over the limit they are left out. */
function mergeLabels(
  current: string[],
  added: string[],
  noun: string,
  skipped: string[],
): { labels: string[]; count: number } {
  const usable = added.filter((label) => label.trim().length <= LABEL_MAX_LENGTH)
  if (usable.length < added.length) {
    skipped.push(
      `${added.length - usable.length} ${noun} longer than ${LABEL_MAX_LENGTH} characters`,
    )
  }
  const merged = normalizeLabels([...current, ...usable])
  const before = normalizeLabels(current).length
  if (merged.length > LABELS_MAX) {
    skipped.push(`${merged.length - LABELS_MAX} ${noun} over the limit of ${LABELS_MAX}`)
  }
  const labels = merged.slice(0, Math.max(LABELS_MAX, before))
  return { labels, count: labels.length - before }
}

/**
 * Applies an import to the wizard's form: tags and frameworks after the card's own (no duplicates,
 * at most 20), artifacts appended, charts appended to the performance document with their source.
 */
export function applyImport(form: CardForm, selection: ExperimentImport): ImportSummary {
  const skipped: string[] = []
  const tags = mergeLabels(form.tags, selection.tags, 'tags', skipped)
  const frameworks = mergeLabels(form.frameworks, selection.frameworks, 'frameworks', skipped)
  form.tags = tags.labels
  form.frameworks = frameworks.labels

  const known = new Set(form.artifacts.map((artifact) => artifact.url))
  let artifacts = 0
  for (const artifact of selection.artifacts) {
    if (!importableArtifact(artifact)) {
      skipped.push(
        `artifact “${artifact.name ?? artifact.url ?? '?'}” (not an http, https or s3 URL)`,
      )
      continue
    }
    if (known.has(artifact.url!)) {
      continue
    }
    known.add(artifact.url!)
    form.artifacts.push(
      newArtifact({
        type: artifact.type || 'model',
        name: artifact.name || artifact.url!,
        url: artifact.url!,
        framework: artifact.framework ?? '',
      }),
    )
    artifacts++
  }

  const charts = selection.charts.map((chart) =>
    chartNodeHtml(chart.figure, chart.name, {
      connectorId: selection.connectorId,
      experimentId: selection.experimentId,
      kind: chart.kind,
      name: chart.name,
      fetchedAt: selection.fetchedAt,
    }),
  )
  form.performance = form.performance + charts.join('')

  return {
    tags: tags.count,
    frameworks: frameworks.count,
    artifacts,
    charts: charts.length,
    skipped,
  }
}

/** "2 tags, 1 chart" — what an import added, for the notification. */
export function describeImport(summary: ImportSummary): string {
  const parts: string[] = []
  const count = (n: number, noun: string) => {
    if (n > 0) parts.push(countOf(n, noun))
  }
  count(summary.tags, 'tag')
  count(summary.frameworks, 'framework')
  count(summary.artifacts, 'artifact')
  count(summary.charts, 'chart')
  return parts.length ? `Imported ${parts.join(', ')}` : 'Nothing new to import'
}
