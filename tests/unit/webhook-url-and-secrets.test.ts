import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../src/domain/webhooks/secret-box.js';
import { checkWebhookUrlShape } from '../../src/domain/webhooks/webhook-url.js';

const strict = { allowHttpLoopback: false };

describe('webhook URLs and sealed secrets', () => {
  it('takes public https URLs and refuses loopback unless the policy allows plain http to it', () => {
    expect(checkWebhookUrlShape('https://portal.example.vn/hooks?x=1', strict).hostname).toBe('portal.example.vn');
    for (const url of ['http://127.0.0.1:8080/h', 'https://127.0.0.1/h', 'https://[::1]/h', 'http://localhost/h']) {
      expect(() => checkWebhookUrlShape(url, strict), url).toThrow(expect.objectContaining({ code: 'webhook.url_refused' }));
    }
    expect(checkWebhookUrlShape('http://127.0.0.1:8080/h', { allowHttpLoopback: true }).port).toBe('8080');
    expect(() => checkWebhookUrlShape('http://10.0.0.1/h', { allowHttpLoopback: true })).toThrow();
  });

  it('opens what it sealed, and nothing sealed under another key or altered', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('whsec_abc');
    expect(sealed).not.toContain('abc');
    expect(box.open(sealed)).toBe('whsec_abc');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow();
    const altered = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    expect(() => box.open(altered)).toThrow();
  });
});
