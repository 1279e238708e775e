// Renders one invoice over and over in this process, the baseline every invoice figure is set
// beside: what PDFKit alone does on one core.

import { renderInvoicePdf } from '../../apps/worker/dist/invoice-pdf/render-invoice.js';
import { perSecond } from './format.mjs';

/**
 * Renders `invoice` for `seconds` after `warmUp` untimed renders. Resolves { count, wallMs,
 * cpuMs, perSecondWall, perCpuSecond, bytes }: CPU time is this process's own, so it does not
 * count time another process held the core, and wall time does.
 */
export async function renderRate({ invoice, seconds, warmUp = 50 }) {
  for (let i = 0; i < warmUp; i++) {
    await renderInvoicePdf(invoice);
  }

  const startedAt = performance.now();
  const deadline = startedAt + seconds * 1000;
  const cpuBefore = process.cpuUsage();
  let count = 0;
  let bytes = 0;
  while (performance.now() < deadline) {
    bytes += (await renderInvoicePdf(invoice)).length;
    count += 1;
  }
  const wallMs = performance.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  return {
    count,
    wallMs,
    cpuMs,
    perSecondWall: perSecond(count, wallMs),
    perCpuSecond: perSecond(count, cpuMs),
    bytes: Math.round(bytes / count),
  };
}
