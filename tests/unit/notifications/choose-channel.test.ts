import { describe, expect, it } from 'vitest';
import { chooseChannel } from '../../../src/domain/notifications/choose-channel.js';

describe('choosing the channel for a notice', () => {
  it('uses the first preferred channel the person has linked', () => {
    const pick = chooseChannel({ preferred: ['discord', 'telegram'], addresses: { telegram: '111', discord: '222' }, unreachable: [] });
    expect(pick).toEqual({ channel: 'discord', address: '222' });
  });

  it('skips a preferred channel the person never linked', () => {
    const pick = chooseChannel({ preferred: ['telegram', 'discord'], addresses: { discord: '222' }, unreachable: [] });
    expect(pick).toEqual({ channel: 'discord', address: '222' });
  });

  it('falls back to the next channel after a permanent failure (bot blocked on Telegram)', () => {
    const person = { preferred: ['telegram', 'discord'] as const, addresses: { telegram: '111', discord: '222' }, unreachable: [] };
    expect(chooseChannel(person, 'telegram')).toEqual({ channel: 'discord', address: '222' });
    expect(chooseChannel({ ...person, unreachable: ['telegram'] })).toEqual({ channel: 'discord', address: '222' });
  });

  it('uses a linked channel even if it is not in the preference list', () => {
    expect(chooseChannel({ preferred: ['telegram'], addresses: { discord: '222' }, unreachable: [] })).toEqual({
      channel: 'discord',
      address: '222',
    });
  });

  it('gives up when nothing is reachable', () => {
    expect(chooseChannel({ preferred: ['telegram'], addresses: { telegram: '111' }, unreachable: ['telegram'] })).toBeUndefined();
    expect(chooseChannel({ preferred: ['telegram', 'discord'], addresses: {}, unreachable: [] })).toBeUndefined();
  });
});
