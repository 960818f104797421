/**
 * Vietnamese names that look real, drawn from a seeded generator: the demo commune and the scale
 * generator build the same people from the same seed; the registry tests draw from the same lists
 * (test/helpers/registry.ts re-exports them).
 */
/** Mulberry32: a small seeded generator, so every run builds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Vương',
  'Đinh',
  'Trịnh',
  'Đoàn',
  'Lương',
  'Mai',
  'Tạ',
  'Cao',
  'Lâm',
  'Hà',
  'Kiều',
  'Khúc',
  'Quách',
  'Tô',
  'Đào',
  'Chu',
  'Thái',
  'Triệu',
  'Lục',
  'Nông',
  'Âu',
  'Ông',
  'Tăng',
  'Giáp',
];
export const MIDDLE_MALE = [
  'Văn',
  'Đình',
  'Hữu',
  'Đức',
  'Minh',
  'Quang',
  'Xuân',
  'Công',
  'Bá',
  'Trọng',
  'Quốc',
  'Thành',
  'Mạnh',
  'Tuấn',
  'Ngọc',
  'Thanh',
  'Viết',
  'Khắc',
  'Duy',
  'Tiến',
];
export const MIDDLE_FEMALE = [
  'Thị',
  'Ngọc',
  'Thanh',
  'Thu',
  'Kim',
  'Hồng',
  'Minh',
  'Bích',
  'Thúy',
  'Diệu',
  'Mỹ',
  'Khánh',
  'Phương',
  'Lan',
  'Quỳnh',
];
export const GIVEN_MALE = [
  'Soạn',
  'Nam',
  'Tám',
  'Hùng',
  'Dũng',
  'Cường',
  'Lộc',
  'Phúc',
  'Thịnh',
  'An',
  'Bình',
  'Hải',
  'Khánh',
  'Long',
  'Minh',
  'Phong',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Toàn',
  'Trung',
  'Tú',
  'Tùng',
  'Việt',
  'Đạt',
  'Đông',
  'Kiên',
  'Lực',
  'Nghĩa',
  'Vinh',
  'Bảo',
  'Khải',
  'Lợi',
  'Hiếu',
  'Huy',
  'Hoàn',
  'Hưng',
  'Quý',
  'Sáu',
  'Tài',
  'Thuận',
  'Tiến',
  'Tuyên',
  'Vượng',
  'Xuyên',
  'Chiến',
  'Định',
  'Giáp',
  'Hòa',
];
export const GIVEN_FEMALE = [
  'Hoa',
  'Lan',
  'Hương',
  'Thảo',
  'Hạnh',
  'Hằng',
  'Hiền',
  'Huệ',
  'Anh',
  'Chi',
  'Duyên',
  'Giang',
  'Hà',
  'Linh',
  'Mai',
  'Nga',
  'Ngân',
  'Nhung',
  'Oanh',
  'Quyên',
  'Thủy',
  'Trang',
  'Vân',
  'Xuân',
  'Yến',
  'Điệp',
  'Nhàn',
  'Phượng',
  'Quế',
  'Thoa',
  'Thơm',
  'Tuyết',
  'Uyên',
  'Cúc',
  'Diệp',
  'Gấm',
  'Hậu',
  'Loan',
  'Mơ',
  'Nguyệt',
  'Phấn',
  'Sen',
  'Tâm',
  'Thắm',
  'Thư',
  'Trinh',
  'Tươi',
  'Vui',
  'Xoan',
  'Ánh',
];

export interface FakePerson {
  readonly fullName: string;
  readonly sex: 'Nam' | 'Nữ';
  readonly birthYear: number;
}

export function fakePerson(r: () => number, sex?: 'Nam' | 'Nữ', born?: [number, number]): FakePerson {
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const s = sex ?? (r() < 0.5 ? 'Nam' : 'Nữ');
  const male = s === 'Nam';
  const middle = pick(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  // One name in five carries a second middle name, as many do.
  const second = r() < 0.2 ? ` ${pick(male ? MIDDLE_MALE : MIDDLE_FEMALE)}` : '';
  const [from, to] = born ?? [1935, 2020];
  return {
    fullName: `${pick(FAMILY)} ${middle}${second} ${pick(male ? GIVEN_MALE : GIVEN_FEMALE)}`,
    sex: s,
    birthYear: from + Math.floor(r() * (to - from + 1)),
  };
}
