import { z } from 'zod';
import type { Locale } from './messages.js';
import { isMessageKey, translate } from './translate.js';

type ZodIssue = z.core.$ZodRawIssue;

// zod's own Vietnamese locale leaves type and origin names in English ("mong đợi string,
// nhận được undefined"); these are the words a Vietnamese reader expects instead.
const VI_TYPES: Record<string, string> = {
  string: 'chuỗi ký tự', number: 'số', int: 'số nguyên', bigint: 'số nguyên', boolean: 'giá trị đúng/sai (true/false)',
  object: 'đối tượng', array: 'danh sách', date: 'ngày giờ', null: 'giá trị rỗng (null)', undefined: 'không có giá trị',
  nan: 'NaN', symbol: 'ký hiệu', function: 'hàm', file: 'tệp', map: 'bảng', set: 'tập hợp', record: 'đối tượng',
};

const VI_FORMATS: Record<string, string> = {
  email: 'Địa chỉ email không hợp lệ',
  url: 'URL không hợp lệ',
  datetime: 'Ngày giờ không hợp lệ: cần dạng ISO 8601 có múi giờ, ví dụ 2026-05-01T09:00:00+07:00',
  date: 'Ngày không hợp lệ: cần dạng ISO 8601, ví dụ 2026-05-01',
  time: 'Giờ không hợp lệ: cần dạng ISO 8601, ví dụ 09:00:00',
  uuid: 'UUID không hợp lệ',
};

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');
const typeName = (type: string) => VI_TYPES[type] ?? type;

function inputType(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

function viSize(issue: ZodIssue & { code: 'too_big' | 'too_small' }): string {
  const big = issue.code === 'too_big';
  const limit = String(big ? issue.maximum : issue.minimum);
  const bound = big ? (issue.inclusive ? 'tối đa' : 'nhỏ hơn') : issue.inclusive ? 'tối thiểu' : 'lớn hơn';
  switch (issue.origin) {
    case 'string':
      return big ? `Quá dài: ${bound} ${limit} ký tự` : limit === '1' && issue.inclusive ? 'Không được để trống' : `Quá ngắn: ${bound} ${limit} ký tự`;
    case 'array':
    case 'set':
      return big ? `Quá nhiều phần tử: ${bound} ${limit}` : `Quá ít phần tử: ${bound} ${limit}`;
    case 'date':
      return big ? `Quá muộn: ${bound} ${limit}` : `Quá sớm: ${bound} ${limit}`;
    default:
      return big ? `Quá lớn: ${bound} ${limit}` : `Quá nhỏ: ${bound} ${limit}`;
  }
}

/** zod's messages in Vietnamese, written whole (no English type names left in them). */
function vietnameseIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Bắt buộc phải có';
      return `Sai kiểu: cần ${typeName(issue.expected)}, nhận được ${typeName(inputType(issue.input))}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `Giá trị không hợp lệ: phải là ${quoted(issue.values)}` : `Giá trị không hợp lệ: phải là một trong ${quoted(issue.values)}`;
    case 'too_big':
    case 'too_small':
      return viSize(issue);
    case 'invalid_format':
      return VI_FORMATS[issue.format] ?? 'Định dạng không hợp lệ';
    case 'not_multiple_of':
      return `Phải là bội số của ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `Trường không được phép: ${quoted(issue.keys)}`;
    case 'invalid_key':
      return 'Khóa không hợp lệ';
    case 'invalid_element':
      return 'Phần tử không hợp lệ';
    default:
      return 'Giá trị không hợp lệ';
  }
}

const englishIssue = z.locales.en().localeError;

/**
 * The zod error map for `locale`: pass it as `{ error: zodErrorMap(locale) }` to safeParse.
 * Schema messages that are catalogue keys win over it and are translated by `describeIssue`.
 */
export function zodErrorMap(locale: Locale): z.core.$ZodErrorMap {
  return locale === 'vi' ? (issue) => vietnameseIssue(issue) : englishIssue;
}

/** One issue's message in `locale` (schema messages are catalogue keys; zod's own come from the map). */
export function describeIssue(issue: z.core.$ZodIssue, locale: Locale): string {
  return isMessageKey(issue.message) ? translate(locale, issue.message) : issue.message;
}

/** Parses `value` in the person's language: failures carry messages already in `locale`. */
export function safeParseIn<T>(schema: z.ZodType<T>, value: unknown, locale: Locale): z.ZodSafeParseResult<T> {
  return schema.safeParse(value, { error: zodErrorMap(locale) });
}
