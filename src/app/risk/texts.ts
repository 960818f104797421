/**
 * A reason in plain Vietnamese or English, from its code and parameters: "Cháy nhà 14/12/2025,
 * thiệt hại ước 80.000.000 ₫; tiết kiệm 6.000.000 ₫". Shared by the CLI and the pages.
 */
import type { Reason } from '../../domain/risk/rules.ts';
import { fill } from '../../i18n/catalogue.ts';
import {
  RISK_FIGURE_TEXTS,
  RISK_POLICY_TEXTS,
  RISK_REASON_TEXTS,
  RISK_SETTING_TEXTS,
  RISK_SHOCK_KINDS,
  RISK_STEP_TEXTS,
} from '../../i18n/risk.ts';
import type { Lang } from '../../i18n/types.ts';

export function reasonText(r: Reason, lang: Lang): string {
  const code = r.code === 'risk_shock' && r.params['savings'] !== undefined ? 'risk_shock_savings' : r.code;
  const params: Record<string, unknown> = { ...r.params };
  if (typeof r.params['kind'] === 'string')
    params['kindText'] = RISK_SHOCK_KINDS[r.params['kind']]?.[lang] ?? r.params['kind'];
  if (typeof r.params['category'] === 'string')
    params['categoryText'] = RISK_POLICY_TEXTS[r.params['category']]?.[lang] ?? r.params['category'];
  const template = RISK_REASON_TEXTS[code];
  return template ? fill(template[lang], params, lang).trim() : code;
}

export function stepText(kind: string, lang: Lang): string {
  return RISK_STEP_TEXTS[kind]?.[lang] ?? kind;
}

export function settingText(key: string, lang: Lang): string {
  return RISK_SETTING_TEXTS[key]?.[lang] ?? key;
}

/** A figure's name (or a status word) in the user's language; the code itself when unknown. */
export function figureText(name: string, lang: Lang): string {
  return RISK_FIGURE_TEXTS[name]?.[lang] ?? name;
}
