/**
 * `npm run bench -- --mailing`: a mailing to 10,000 contacts (one per customer) on the embedded
 * engine (or MONGODB_URI), through nodemailer to the local SMTP sink (`smtp-server` on loopback),
 * the throttle off: how long making the recipients takes, and how many mails a second the sender
 * hands to the relay with each recipient's state and `mailing` action written (issue 13). Not a
 * timed test; prints a table.
 */
import { smtpMailer } from '../server/mail/mailer';
import { startSmtpSink } from '../server/mail/smtpSink';
import { mapLimit } from '../server/concurrency';
import { startBenchApp } from './benchApp';

const CONTACTS = Number(process.env.BENCH_MAILING_CONTACTS ?? 10_000);
const say = (m: string) => process.stderr.write(`${m}\n`);

export async function runMailingBench(): Promise<void> {
  const sink = await startSmtpSink({ keep: 10 });
  let received = 0;
  sink.onMessage(() => received++);
  const concurrency = Number(process.env.BENCH_MAILING_CONCURRENCY ?? 4);
  const bench = await startBenchApp('mailing', {
    settings: { excerptMaxLength: 500, timeZone: 'Europe/Helsinki', publicUrl: 'https://crm.example.fi' },
    mail: { mailer: smtpMailer(sink.url, { maxConnections: concurrency }), from: 'Aikuisopisto <asiakkuus@aikuisopisto.example>', ratePerMinute: 10_000_000, concurrency, pollMs: 3_600_000 },
  });
  const { repos, devIssuer, sender } = bench.composed;
  try {
    const started = Date.now();
    const owner = (await repos.users.create({ email: 'aino.virtanen@omnia.fi', name: 'Aino Virtanen', role: 'account_manager', department: null, authSubject: 'dev:aino.virtanen@omnia.fi' }))!;
    const customerIds = Array.from({ length: CONTACTS }, () => repos.customers.newId());
    const contactIds = Array.from({ length: CONTACTS }, () => repos.contacts.newId());
    for (let i = 0; i < CONTACTS; i += 500) {
      await repos.customers.insertMany(customerIds.slice(i, i + 500).map((id, k) => ({
        id, name: `Asiakas ${String(i + k).padStart(5, '0')} Oy`, businessId: null, segment: 'B' as const, customerGroup: 'company' as const,
        emailDomains: [], department: null, responsibleId: owner.id, backupId: null, classificationIds: [], externalIds: {},
      })));
      await repos.contacts.insertMany(contactIds.slice(i, i + 500).map((id, k) => ({
        id, organizationId: customerIds[i + k]!, name: `Etunimi${i + k} Sukunimi`, emails: [`yhteys${i + k}@asiakas${i + k}.fi`], phone: null, title: null, classificationIds: [],
        language: (i + k) % 10 === 0 ? ('sv' as const) : null,
      })));
    }
    await mapLimit(customerIds, 8, (id, i) => repos.customers.addContacts(id, [contactIds[i]!]));
    const selection = await repos.selections.insert(repos.selections.newId(), { name: 'Kaikki', owner: { id: owner.id, name: owner.name, email: owner.email }, shared: true, kind: 'static', criteria: {} }, customerIds);
    say(`wrote ${CONTACTS} customers and contacts in ${((Date.now() - started) / 1000).toFixed(0)} s`);

    const token = await devIssuer!.sign({ email: owner.email, name: owner.name });
    const json = async (method: string, p: string, body?: object) => {
      const res = await fetch(`${bench.origin}/api/v1${p}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown> & { id: string }>;
    };
    const campaign = await json('POST', '/campaigns', { name: 'Kevät', startsOn: '2026-12-01', endsOn: '2027-05-31', targetSelectionIds: [selection.id] });
    const mailing = await json('POST', `/campaigns/${campaign.id}/mailings`, {
      subject: { fi: 'Kevään koulutukset, {{firstName}}', sv: 'Vårens utbildningar, {{firstName}}' },
      body: { fi: 'Hei {{firstName}},\n\n{{customerName}} on tervetullut.\n\nTerveisin {{senderName}}', sv: 'Hej {{firstName}},\n\nVälkommen, {{customerName}}.' },
    });
    const t0 = performance.now();
    await json('POST', `/mailings/${mailing.id}/send`, { version: 0, expectedCustomers: CONTACTS });
    const confirmMs = performance.now() - t0;
    // The sender's first look: it makes the recipients, then sends them all.
    let preparedMs = 0;
    const watch = setInterval(() => {
      void repos.mailings.get(mailing.id).then((m) => {
        if (m?.prepared && !preparedMs) preparedMs = performance.now() - t0;
      });
    }, 100);
    await sender!.runOnce();
    clearInterval(watch);
    const totalMs = performance.now() - t0;
    const done = (await repos.mailings.get(mailing.id))!;
    const sendMs = totalMs - preparedMs;
    console.log(`${CONTACTS.toLocaleString('en')} contacts of ${CONTACTS.toLocaleString('en')} customers; engine ${bench.engine}; relay: smtp-server on loopback; ${concurrency} mails at once, no throttle`);
    console.log('| step | time | per second |');
    console.log('| --- | --: | --: |');
    console.log(`| confirm and start (the audience counted) | ${(confirmMs / 1000).toFixed(2)} s | |`);
    console.log(`| recipients made (consent, address, language of each) | ${(preparedMs / 1000).toFixed(1)} s | ${Math.round(CONTACTS / (preparedMs / 1000)).toLocaleString('en')} |`);
    console.log(`| sent: handed to the relay, state and action written | ${(sendMs / 1000).toFixed(1)} s | ${Math.round(done.counts.sent / (sendMs / 1000)).toLocaleString('en')} mails/s |`);
    console.log(`| whole mailing | ${(totalMs / 1000).toFixed(1)} s | ${Math.round(done.counts.sent / (totalMs / 1000)).toLocaleString('en')} mails/s |`);
    console.log(`state ${done.state}; sent ${done.counts.sent}, failed ${done.counts.failed}, skipped ${done.counts.skipped}; the sink received ${received}`);
  } finally {
    await sender?.stop();
    await bench.close();
    await sink.close();
  }
}
