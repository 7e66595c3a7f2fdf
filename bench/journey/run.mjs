// Drives the responding journey's final submit with a distinct journey per request, and the baseline.
// Called by run.sh with PORTAL_URL, BASELINE_URL, JOURNEYS, CONNECTIONS set. Prints JSON figures.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

const portal = process.env.PORTAL_URL;
const baseline = process.env.BASELINE_URL;
const journeys = Number(process.env.JOURNEYS ?? 2000);
const connections = Number(process.env.CONNECTIONS ?? 32);
const slug = 'integrating-care';
const respond = `/consultations/${slug}/respond`;

// The portal's CPU time (user + system, seconds) from /proc, when run.sh passes its pid: the submit's cost in CPU is
// steadier than its rate, which moves with the disk and with whatever else the two cores are doing.
const portalPid = process.env.PORTAL_PID;
function portalCpu() {
  if (!portalPid) return null;
  const fields = readFileSync(`/proc/${portalPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
}

// Bytes the portal passed to read and write calls (database, WAL, the pickup folder's emails): how much I/O a submit
// causes, which does not move with the machine's speed the way its CPU time does (docs/adr/0152).
function portalIo() {
  if (!portalPid) return null;
  const io = Object.fromEntries(readFileSync(`/proc/${portalPid}/io`, 'utf8').trim().split('\n').map((l) => l.split(': ')).map(([k, v]) => [k, Number(v)]));
  return { read: io.rchar, written: io.wchar };
}

function cookiesOf(response, jar) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair.split('=');
    jar[name.trim()] = value;
  }
  return jar;
}
const cookieHeader = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');

async function post(path, jar, token, fields) {
  const body = new URLSearchParams({ __RequestVerificationToken: token, ...fields });
  const response = await fetch(portal + path, {
    method: 'POST', redirect: 'manual', body,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
  });
  cookiesOf(response, jar);
  if (response.status !== 303) throw new Error(`POST ${path}: ${response.status}`);
  await response.arrayBuffer();
  return response.headers.get('location');
}

// The question pages' field names, read once from the real pages.
async function questionFields() {
  const jar = {};
  const first = await fetch(portal + respond + '/about-you', { redirect: 'manual' });
  cookiesOf(first, jar);
  const token = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(await first.text())[1];
  await post(respond + '/about-you', jar, token, { RespondentType: 'Individual' });
  const pages = [];
  for (let n = 1; ; n++) {
    const page = await fetch(portal + `${respond}/questions/${n}`, { headers: { cookie: cookieHeader(jar) }, redirect: 'manual' });
    if (page.status !== 200) break;
    const html = await page.text();
    const radios = [...new Set([...html.matchAll(/name="(q-[^"]+)" type="radio"/g)].map((m) => m[1]))];
    const areas = [...html.matchAll(/<textarea[^>]*name="(q-[^"]+)"/g)].map((m) => m[1]);
    pages.push({ radios, areas });
  }
  return pages;
}

async function journey(pages, i, submit) {
  const jar = {};
  const first = await fetch(portal + respond + '/about-you', { redirect: 'manual' });
  cookiesOf(first, jar);
  const token = /name="__RequestVerificationToken" type="hidden" value="([^"]+)"/.exec(await first.text())[1];
  await post(respond + '/about-you', jar, token, { RespondentType: 'Individual', Email: `bench${i}@example.com`, PostcodeDistrict: 'HU17' });
  for (let n = 0; n < pages.length; n++) {
    const fields = {};
    for (const r of pages[n].radios) fields[r] = 'Agree';
    for (const a of pages[n].areas) fields[a] = `Benchmark answer ${i}: integrated care should be planned around people and places, not organisations.`;
    await post(`${respond}/questions/${n + 1}`, jar, token, fields);
  }
  await post(respond + '/equality', jar, token, { AgeBand: '35 to 44' });
  await post(respond + '/publishing', jar, token, { Publishing: 'PublishAnonymously' });
  if (submit) await post(respond + '/check-answers', jar, token, {});
  return { cookie: cookieHeader(jar), body: new URLSearchParams({ __RequestVerificationToken: token }).toString() };
}

async function pool(count, workers, work) {
  const results = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: workers }, async () => {
    while (next < count) { const i = next++; results[i] = await work(i); }
  }));
  return results;
}

const pages = await questionFields();

// Each server first serves a warm-up share of the same requests, not measured: JIT compilation and EF's query
// compilation happen once per process, and the targets are about a running portal, not its first seconds. The share
// is large because .NET's tiered compilation re-compiles hot methods in the background for several seconds after
// they first run (a profile of a 200-submit warm-up put a third of the measured phase's CPU in the JIT).
const warm = Math.min(1000, Math.ceil(journeys / 2));
let started = performance.now();
const prepared = await pool(journeys + warm, connections, (i) => journey(pages, i, false));
const prepareSeconds = (performance.now() - started) / 1000;
console.error(`prepared ${journeys + warm} journeys: submitting`); // a mark for a profiler watching stderr

// autocannon reports a run's duration only at its next one-second tick, so a run of 2.1 s read as 3 s and rates came
// out as N/1, N/2, N/3 … (a baseline of "2,000" was any run under a second). Each run is timed here instead: from
// the call to its last response.
async function timed(options) {
  const start = performance.now();
  let last = start;
  const result = await autocannon({
    ...options,
    requests: options.requests.map((r) => ({ ...r, onResponse: () => { last = performance.now(); } })),
  });
  result.seconds = (last - start) / 1000;
  return result;
}

function submits(ready) {
  let index = 0;
  return timed({
    url: portal, connections, amount: ready.length,
    requests: [{
      method: 'POST', path: respond + '/check-answers',
      setupRequest: (request) => {
        const j = ready[index++ % ready.length];
        return { ...request, headers: { ...request.headers, cookie: j.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: j.body };
      },
    }],
  });
}

const baselineBody = prepared[0].body;
const baselineInserts = (amount) => timed({
  url: baseline, connections, amount,
  requests: [{ method: 'POST', path: '/baseline', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: baselineBody }],
});

// Warm-up in rounds, each followed by a pause. The first round's receipts give the email dispatch job (every 5 s) its
// first work; .NET re-compiles a hot method twice (instrumented, then optimised), each after it has been called again,
// and a method run once per group commit (one call for about 15 submits) is called too rarely in one round to get
// there. The later rounds and pauses finish what a portal running for hours has long since done. With one round and
// no pause the JIT took 30% of the measured submits' CPU, with one round and a pause 18%, with two rounds 9% (about
// 280 methods compiled during the measured phase, most of them a hot method's final tier).
const pause = () => new Promise((resolve) => setTimeout(resolve, Number(process.env.WARM_PAUSE_MS ?? 6000)));
const rounds = Number(process.env.WARM_ROUNDS ?? 3);
const warmup = { '3xx': 0 };
for (let r = 0; r < rounds; r++) {
  const from = journeys + Math.floor((warm * r) / rounds);
  const to = journeys + Math.floor((warm * (r + 1)) / rounds);
  warmup['3xx'] += (await submits(prepared.slice(from, to)))['3xx'];
  await pause();
}
console.error('warmed up: measuring submits'); // a mark for a profiler watching stderr
const cpuBefore = portalCpu();
const ioBefore = portalIo();
const submit = await submits(prepared.slice(0, journeys));
const submitCpu = cpuBefore === null ? null : portalCpu() - cpuBefore;
const ioAfter = portalIo();
const kbPerSubmit = (key) => (ioBefore === null ? null : Math.round(((ioAfter[key] - ioBefore[key]) * 10) / 1024 / journeys) / 10);
console.error('baseline: measuring'); // a mark for a profiler watching stderr
await baselineInserts(warm);
const base = await baselineInserts(journeys);

console.error('page: measuring');
// Two worker threads: the page comes from the output cache, so one Node thread parsing 89 KB responses, not the
// portal, was the limit (about 1,300 against 1,950 requests/s side by side on a loaded machine).
await autocannon({ url: `${portal}/consultations/${slug}`, connections, duration: 2, workers: 2 });
const page = await autocannon({ url: `${portal}/consultations/${slug}`, connections, duration: 10, workers: 2 });

const complete = Math.min(500, journeys);
started = performance.now();
await pool(complete, connections, (i) => journey(pages, journeys + warm + i, true));
const completeSeconds = (performance.now() - started) / 1000;

// Requests per second as completed requests over the time to the last response for the two timed runs; the page
// runs for a fixed 10 s, where autocannon's own duration is right.
const rate = (result) => result.requests.total / (result.seconds ?? result.duration);
const figures = {
  journeys, connections,
  warmup: { submits: warm, status3xx: warmup['3xx'], baselineInserts: warm },
  submit: { rps: rate(submit), p50: submit.latency.p50, p99: submit.latency.p99, max: submit.latency.max, status3xx: submit['3xx'], non2xx3xx: submit.non2xx - submit['3xx'], errors: submit.errors, timeouts: submit.timeouts, seconds: submit.seconds,
    portalCpuSeconds: submitCpu === null ? null : Math.round(submitCpu * 100) / 100, portalCpuMsPerSubmit: submitCpu === null ? null : Math.round((submitCpu * 1e5) / journeys) / 100,
    portalKbReadPerSubmit: kbPerSubmit('read'), portalKbWrittenPerSubmit: kbPerSubmit('written') },
  baseline: { rps: rate(base), p50: base.latency.p50, p99: base.latency.p99, status3xx: base['3xx'], errors: base.errors, seconds: base.seconds },
  consultationPage: { rps: rate(page), p99: page.latency.p99, status2xx: page['2xx'] },
  prepare: { journeys: journeys + warm, seconds: prepareSeconds, journeysPerSecond: (journeys + warm) / prepareSeconds },
  completeJourneys: { journeys: complete, seconds: completeSeconds, journeysPerSecond: complete / completeSeconds, requestsPerJourney: 2 + pages.length + 3 },
};
figures.submitVsBaseline = figures.submit.rps / figures.baseline.rps;
console.log(JSON.stringify(figures, null, 2));
