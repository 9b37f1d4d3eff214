/**
 * The one message catalogue, used by API errors and by both bots.
 * Every key has a Vietnamese and an English text; {name} placeholders are filled by translate().
 */
export const messages = {
  'route.not_found': {
    vi: 'Không tìm thấy đường dẫn {method} {path}.',
    en: 'There is no route {method} {path}.',
  },
  'request.invalid_json': {
    vi: 'Nội dung yêu cầu không phải JSON hợp lệ.',
    en: 'The request body is not valid JSON.',
  },
  'request.too_large': {
    vi: 'Nội dung yêu cầu quá lớn (tối đa {limit}).',
    en: 'The request body is too large (at most {limit}).',
  },
  'service.not_ready': {
    vi: 'Dịch vụ chưa sẵn sàng: {failed} không phản hồi.',
    en: 'The service is not ready: {failed} did not answer.',
  },
  'internal': {
    vi: 'Đã có lỗi ngoài dự kiến. Chúng tôi đã ghi lại và sẽ xử lý.',
    en: 'Something unexpected went wrong. It has been logged and will be looked at.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type Locale = 'vi' | 'en';
export type MessageKey = keyof typeof messages;
export const LOCALES: readonly Locale[] = ['vi', 'en'];
