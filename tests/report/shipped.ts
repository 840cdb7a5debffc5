import { readFileSync, writeFileSync } from 'node:fs';
import { PROFILES_BY_ID } from '../../core/profiles/index.ts';
import type { MeasuredEvidence } from '../../core/profiles/measures.ts';
import type { Profile } from '../../core/profiles/types.ts';
import { buildComplianceReport, toReportSource, type ReportSource } from '../../core/report/build.ts';
import type { ComplianceReport } from '../../core/report/types.ts';
import { readShippedFlowTexts } from '../helpers/shipped-flows.ts';

export const GENERATED_AT = '2026-11-30T00:00:00.000Z';

export function getProfile(id: string): Profile {
  const profile = PROFILES_BY_ID.get(id);
  if (!profile) throw new Error(`no profile ${id}`);
  return profile;
}

export function readShippedSources(): ReportSource[] {
  return readShippedFlowTexts().map(({ flowId, file, text }) => toReportSource(JSON.parse(text), `flows/${file}`, flowId));
}

export function buildReport(sources: ReportSource[], profileIds: string[], measured?: Map<string, MeasuredEvidence>): ComplianceReport {
  return buildComplianceReport({ flows: sources, profiles: profileIds.map(getProfile), generatedAt: GENERATED_AT, ...(measured ? { measured } : {}) });
}

/** The expected output kept in tests/report/golden/; `UPDATE_GOLDEN=1` rewrites it from `actual` instead. */
export function readGolden(name: string, actual: string): string {
  const url = new URL(`./golden/${name}`, import.meta.url);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(url, actual);
  return readFileSync(url, 'utf8');
}
