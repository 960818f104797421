/** One text in both languages. `{name}` is replaced by a parameter; `{name:dong}` formats it as money, `{name:date}` as a date. */
export interface Text {
  readonly vi: string;
  readonly en: string;
}

export type Lang = 'vi' | 'en';

export const LANGS: readonly Lang[] = ['vi', 'en'];
