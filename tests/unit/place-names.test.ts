import { describe, expect, it } from 'vitest';
import { zoneLabel } from '../../bots/core/commands/account.commands.js';
import { countryCodeOf, countryName, countryZone, languageCodeOf, languageName, placeOf } from '../../src/i18n/place-names.js';

describe('place and language names', () => {
  it('finds a country named in Vietnamese, English or by code', () => {
    expect(countryCodeOf('Đức')).toBe('DE');
    expect(countryCodeOf('duc')).toBe('DE');
    expect(countryCodeOf('Germany')).toBe('DE');
    expect(countryCodeOf('de')).toBe('DE');
    expect(countryCodeOf('Nhật Bản')).toBe('JP');
    expect(countryCodeOf('Hoa Kỳ')).toBe('US');
    expect(countryCodeOf('Mỹ')).toBe('US');
    expect(countryCodeOf('USA')).toBe('US');
    expect(countryCodeOf('Việt Nam')).toBe('VN');
    expect(countryCodeOf('Atlantis')).toBeNull();
    expect(countryCodeOf('ZZ')).toBeNull();
  });

  it('splits "city, country" and accepts a country alone', () => {
    expect(placeOf('Tokyo, Japan')).toEqual({ city: 'Tokyo', country: 'JP' });
    expect(placeOf('Berlin, DE')).toEqual({ city: 'Berlin', country: 'DE' });
    expect(placeOf('München, Đức')).toEqual({ city: 'München', country: 'DE' });
    expect(placeOf('Đức')).toEqual({ country: 'DE' });
    expect(placeOf('Berlin')).toBeNull();
    expect(placeOf(' , ')).toBeNull();
  });

  it('finds a language by its Vietnamese or English name or its code', () => {
    expect(languageCodeOf('tiếng Việt')).toBe('vi');
    expect(languageCodeOf('Tiếng Anh')).toBe('en');
    expect(languageCodeOf('Anh')).toBe('en');
    expect(languageCodeOf('English')).toBe('en');
    expect(languageCodeOf('Vietnamese')).toBe('vi');
    expect(languageCodeOf('German')).toBe('de');
    expect(languageCodeOf('JA')).toBe('ja');
    expect(languageCodeOf('Klingonese')).toBeNull();
  });

  it('names countries and languages in the reader’s language', () => {
    expect(countryName('DE', 'vi')).toBe('Đức');
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(languageName('en', 'vi')).toBe('Tiếng Anh');
    expect(languageName('vi', 'en')).toBe('Vietnamese');
  });
});

describe('time zones from places', () => {
  it('gives the zone of a country with one clock, none where clocks differ', () => {
    expect(countryZone('JP')).toBe('Asia/Tokyo');
    expect(countryZone('VN')).toBe('Asia/Ho_Chi_Minh');
    expect(countryZone('DE')).toBe('Europe/Berlin');
    expect(countryZone('US')).toBeNull();
  });

  it('shows fixed offsets the way people write them, not as POSIX Etc names', () => {
    expect(zoneLabel('Etc/GMT-7')).toBe('UTC+07:00');
    expect(zoneLabel('Etc/GMT+3')).toBe('UTC-03:00');
    expect(zoneLabel('Etc/UTC')).toBe('UTC');
    expect(zoneLabel('Asia/Tokyo')).toBe('Asia/Tokyo (UTC+09:00)');
  });
});
