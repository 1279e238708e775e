// Invoice PDF rendering throughput and event-loop delay, on one core (one process, sequential).
//
//   npm run build && node bench/pdf-render.mjs [seconds]
//
// 1. Renders a typical 3-line invoice in a loop for `seconds` (default 10) after a warm-up and
//    prints invoices per second of wall time and of CPU time (the process's own, so other load
//    on the machine matters less).
// 2. Renders a 2,000-line invoice while monitorEventLoopDelay samples every 1 ms, and prints the
//    render time, page count and the longest event-loop delay seen.
// The data is invented.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { renderInvoicePdf } from '../apps/worker/dist/invoice-pdf/render-invoice.js';

const seconds = Number(process.argv[2] ?? 10);

const invoice = {
  invoiceId: '9b2d4e6f-1a3c-4e5f-8a7b-6c5d4e3f2a1b',
  period: '2026-11',
  dueDate: '2026-11-10',
  amountCents: 123_456,
  locale: 'pt-BR',
  lineItems: [
    { description: 'Aluguel de novembro de 2026', amountCents: 110_000 },
    { description: 'Condomínio', amountCents: 10_000 },
    { description: 'IPTU – parcela 11/12', amountCents: 3_456 },
  ],
  agency: {
    name: 'Imobiliária Horizonte',
    branding: {
      primaryColor: '#0a6e4f',
      legalName: 'Horizonte Gestão Imobiliária Ltda.',
      cnpj: '12345678000195',
      email: 'contato@horizonte.example.test',
    },
  },
  renter: { name: 'João Conceição', cpf: '12345678909', email: 'joao@example.test' },
  property: {
    street: 'Rua São Tomé',
    number: '45',
    complement: 'Apto 12',
    neighbourhood: 'Vila Mariana',
    city: 'São Paulo',
    state: 'SP',
    postalCode: '04101000',
  },
};

async function throughput() {
  for (let i = 0; i < 50; i++) {
    await renderInvoicePdf(invoice);
  }

  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let count = 0;
  let bytes = 0;
  while (performance.now() < deadline) {
    bytes += (await renderInvoicePdf(invoice)).length;
    count += 1;
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time does not count the time other processes held the core, wall time does.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `3-line invoice: ${count} in ${(elapsedMs / 1000).toFixed(1)} s = ` +
      `${((count * 1000) / elapsedMs).toFixed(0)} invoices/s wall, ` +
      `${((count * 1000) / cpuMs).toFixed(0)} per CPU-second, ` +
      `${(cpuMs / count).toFixed(2)} CPU ms each, ${Math.round(bytes / count)} bytes`,
  );
}

async function longInvoice() {
  const lineItems = Array.from({ length: 2000 }, (_, i) => ({
    description: `Linha ${i + 1} – taxa de serviço`,
    amountCents: 100,
  }));
  const doc = { ...invoice, lineItems, amountCents: 200_000 };
  await renderInvoicePdf(doc);

  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const pdf = await renderInvoicePdf(doc);
  const elapsedMs = performance.now() - started;
  delay.disable();

  const pages = pdf.toString('latin1').match(/\/Type \/Page(?![a-z])/g)?.length ?? 0;
  console.log(
    `2,000-line invoice: ${elapsedMs.toFixed(0)} ms, ${pages} pages, ${pdf.length} bytes, ` +
      `max event-loop delay ${(delay.max / 1e6).toFixed(1)} ms ` +
      `(p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms)`,
  );
}

await throughput();
await longInvoice();
