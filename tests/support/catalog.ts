/** Catalogue fixtures shared by the catalogue API tests and the authorization matrix. */
import type { TestApi } from './service.js';

/** A fintech project in Đà Nẵng asking for 200k-500k USD; pass ownerFirmId for a firm's project. */
export function projectInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { vi: 'Nền tảng thanh toán cho hợp tác xã', en: 'Payments platform for cooperatives' },
    summary: { vi: 'Phần mềm thanh toán không tiền mặt cho hợp tác xã nông nghiệp.', en: 'Cashless payments for farm cooperatives.' },
    sector: 'Tài chính',
    amountUsd: { min: 200_000, max: 500_000 },
    stage: 'prototype',
    city: 'Đà Nẵng',
    ...overrides,
  };
}

/** An open-source accounting product of the given vendor firm. */
export function productInput(vendorFirmId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    vendorFirmId,
    name: 'Sổ Cái Mở',
    kind: 'open_source',
    licence: 'apache-2.0',
    repositoryUrl: 'https://github.com/example/so-cai-mo',
    categories: ['Kế toán', 'ERP'],
    description: { vi: 'Phần mềm kế toán mã nguồn mở cho doanh nghiệp nhỏ.', en: 'Open-source accounting for small firms.' },
    ...overrides,
  };
}

/** Calls the API and fails loudly unless the status is 2xx; returns the body. */
export async function must(api: TestApi, method: string, path: string, token: string | undefined, body?: unknown): Promise<{ id: string }> {
  const res = await api.call(method, path, { ...(token ? { token } : {}), body });
  if (res.status >= 300) throw new Error(`setup ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** A project of the firm, drafted (and published unless `draft`) by `token`; returns its id. */
export async function firmProject(api: TestApi, token: string, firmId: string, draft = false, overrides: Record<string, unknown> = {}): Promise<string> {
  const { id } = await must(api, 'POST', '/catalog/projects', token, projectInput({ ownerFirmId: firmId, ...overrides }));
  if (!draft) await must(api, 'POST', `/catalog/projects/${id}/publish`, token);
  return id;
}
