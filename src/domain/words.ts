/**
 * Amounts in Vietnamese words, as printed on a cash receipt or payment voucher ("Số tiền viết
 * bằng chữ: Một triệu hai trăm nghìn đồng"). Pure.
 *
 * The reading rules, for each group of three digits (hundreds, tens, units):
 * - tens: 10 is "mười", 20–90 are "<digit> mươi";
 * - a unit after a ten: 1 is "mốt" after "mươi" (21 "hai mươi mốt") but "một" after "mười"
 *   (11 "mười một"); 5 is "lăm" after either (15 "mười lăm", 25 "hai mươi lăm");
 * - a zero ten before a unit is "linh" (northern; "lẻ" in the south): 105 "một trăm linh năm";
 * - a group after a higher one reads its zero hundreds: 1.005.000 "một triệu không trăm linh năm
 *   nghìn"; a group of three zeros is not read at all: 2.000.500 "hai triệu năm trăm";
 * - scales: nghìn (10^3), triệu (10^6), tỷ (10^9); past 10^12 the billions repeat, so the part
 *   above a billion is read as a number of its own followed by "tỷ" (10^12 "một nghìn tỷ").
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

export interface WordsOptions {
  /** The word for a zero ten before a unit: "linh" (default) or "lẻ". */
  readonly zeroTens?: 'linh' | 'lẻ';
  /** The word for a thousand: "nghìn" (default) or "ngàn". */
  readonly thousand?: 'nghìn' | 'ngàn';
}

const BILLION = 1_000_000_000;

/** One group of three digits; `full` reads zero hundreds and a lone zero ten ("không trăm linh"). */
function group(n: number, full: boolean, zeroTens: string): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const out: string[] = [];
  if (hundreds > 0 || full) out.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (units > 0 && out.length > 0) out.push(zeroTens);
  } else if (tens === 1) out.push('mười');
  else out.push(DIGITS[tens]!, 'mươi');
  if (units > 0) {
    if (units === 1 && tens >= 2) out.push('mốt');
    else if (units === 5 && tens >= 1) out.push('lăm');
    else out.push(DIGITS[units]!);
  }
  return out;
}

/** Below a billion; `leading` false when a higher part was read (then zero hundreds are read). */
function belowBillion(n: number, leading: boolean, o: Required<WordsOptions>): string[] {
  const parts: Array<[number, string]> = [
    [Math.floor(n / 1_000_000), 'triệu'],
    [Math.floor((n % 1_000_000) / 1_000), o.thousand],
    [n % 1_000, ''],
  ];
  const out: string[] = [];
  let read = !leading;
  for (const [value, scale] of parts) {
    if (value === 0) continue;
    out.push(...group(value, read, o.zeroTens));
    if (scale) out.push(scale);
    read = true;
  }
  return out;
}

function words(n: number, o: Required<WordsOptions>): string[] {
  if (n < BILLION) return belowBillion(n, true, o);
  const high = Math.floor(n / BILLION);
  const low = n % BILLION;
  return [...words(high, o), 'tỷ', ...(low === 0 ? [] : belowBillion(low, false, o))];
}

/** The words of a whole number, lower case, without "đồng": 1050 → "một nghìn không trăm năm mươi". */
export function numberInWordsVi(n: number, options: WordsOptions = {}): string {
  if (!Number.isSafeInteger(n)) throw new Error(`assertion failed: ${n} is not a safe integer`);
  const o = { zeroTens: options.zeroTens ?? 'linh', thousand: options.thousand ?? 'nghìn' } as const;
  if (n === 0) return DIGITS[0];
  const text = words(Math.abs(n), o).join(' ');
  return n < 0 ? `âm ${text}` : text;
}

/**
 * An amount of đồng in words, as a receipt prints it: capitalised, ending in "đồng".
 * `amountInWordsVi(1_200_000)` → "Một triệu hai trăm nghìn đồng".
 */
export function amountInWordsVi(n: number, options: WordsOptions = {}): string {
  const text = numberInWordsVi(n, options);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} đồng`;
}
