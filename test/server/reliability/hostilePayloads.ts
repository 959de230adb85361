/**
 * Generated malformed and hostile request bodies. Each payload starts from a valid body of its
 * endpoint and breaks it in at least one way the contract rejects (wrong type, missing or
 * unknown field, operator key, oversized or invalid value, broken JSON…); unicode edge cases and
 * deep nesting ride along. Seeded, so a failure can be replayed.
 */

export interface HostilePayload {
  /** What was done to the body, for the failure message. */
  label: string;
  /** A JSON value to send, or raw bytes (not necessarily JSON). */
  json?: unknown;
  raw?: string | Buffer;
  contentType?: string;
}

export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNICODE_EDGES = [
  '\u0000', '\ud800', '\udfff', '\ud83d', 'a\u0301', '\u202eevil', '\ufeff', '\u200b\u200d', 'ä'.normalize('NFD'),
  '🦄'.repeat(50), '\u{10ffff}', 'İ', 'ß', '\r\n\t', '\\u0000', '%00', '<script>alert(1)</script>', "'; DROP TABLE x; --",
];

const OPERATORS = [
  { $ne: null }, { $gt: '' }, { $where: 'sleep(1000)' }, { $regex: '.*' }, { $in: [] }, { $exists: true },
  { $expr: { $eq: [1, 1] } }, { $function: { body: 'x', args: [], lang: 'js' } },
];

const INVALID_DATES = [
  '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', 'yesterday', '', '0000-00-00T00:00:00Z', '2026-11-20', '20261120T083000Z',
  '+275760-09-13T00:00:00.001Z', '2026-11-20T25:61:00Z', 'NaN', '1e20', '2026-11-20T08:30:00+25:00',
];

function deep(depth: number, leaf: unknown): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const kindOf = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** A value of another kind than the valid one (a string where an array belongs, an object for a string…). */
function wrongType(r: () => number, valid: unknown): unknown {
  const choices: unknown[] = [
    12345, -1, 1.5, true, false, [1, 2], [{ $ne: null }], { nested: 'x' }, OPERATORS[Math.floor(r() * OPERATORS.length)],
    deep(51 + 2 * Math.floor(r() * 250), 'x'), 'x'.repeat(70_000), null,
  ].filter((c) => kindOf(c) !== kindOf(valid) && !(kindOf(valid) === 'string' && c === null));
  return choices[Math.floor(r() * choices.length)];
}

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/**
 * `count` broken variants of `valid`. `required` are the fields whose absence is an error,
 * `dates`, `emails` and `ids` name fields with those formats, `bounded` are string fields with a
 * length limit below 70,000.
 */
export function hostilePayloads(
  valid: Record<string, unknown>,
  spec: { count: number; seed: number; required: readonly string[]; dates?: readonly string[]; emails?: readonly string[]; ids?: readonly string[]; bounded?: readonly string[] },
): HostilePayload[] {
  const r = seeded(spec.seed);
  const fields = Object.keys(valid);
  const out: HostilePayload[] = [];
  const withUnicode = (body: Record<string, unknown>) => {
    // Unicode edge cases in a field that stays otherwise valid, alongside the real defect.
    const stringFields = fields.filter((f) => typeof valid[f] === 'string' && !(spec.dates ?? []).includes(f) && !(spec.ids ?? []).includes(f) && !(spec.emails ?? []).includes(f));
    if (stringFields.length && r() < 0.5) {
      const f = pick(r, stringFields);
      if (typeof body[f] === 'string') body[f] = `${body[f] as string}${pick(r, UNICODE_EDGES)}`;
    }
    return body;
  };

  const mutations: Array<() => HostilePayload> = [
    () => {
      const f = pick(r, fields);
      return { label: `wrong type in ${f}`, json: withUnicode({ ...valid, [f]: wrongType(r, valid[f]) }) };
    },
    () => {
      const f = pick(r, spec.required.length ? spec.required : fields);
      const body: Record<string, unknown> = { ...valid };
      delete body[f];
      if (!spec.required.length) body[`unknown_${Math.floor(r() * 1e6)}`] = 1;
      return { label: `missing ${f}`, json: withUnicode(body) };
    },
    () => {
      const key = pick(r, ['$where', '$set', '__proto__', 'constructor', 'prototype', 'a.b', '$ne', 'extra', '_id', 'createdAt', 'role', 'isAdmin'].filter((k) => !fields.includes(k)));
      const body = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
      const text = JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(pick(r, [1, 'x', { $ne: null }, { polluted: true }]))},`);
      return { label: `unknown or reserved key ${key}`, raw: text };
    },
    () => {
      const f = pick(r, fields);
      return { label: `operator in ${f}`, json: withUnicode({ ...valid, [f]: pick(r, OPERATORS) }) };
    },
    () => {
      const f = pick(r, spec.bounded?.length ? spec.bounded : fields);
      const size = pick(r, [1_001, 5_000, 70_000, 200_000, 300_000]);
      return { label: `huge ${f} (${size})`, json: { ...valid, [f]: pick(r, ['x', 'ä', '🦄', '\u0000']).repeat(size) } };
    },
    () => {
      const f = pick(r, spec.dates?.length ? spec.dates : spec.emails?.length ? spec.emails : fields);
      const bad = (spec.dates ?? []).includes(f)
        ? pick(r, INVALID_DATES)
        : (spec.emails ?? []).includes(f)
          ? pick(r, ['not-an-email', '@kivijalka.fi', 'a@', 'a@b', 'a@@b.fi', 'a b@c.fi', 'x@[127.0.0.1]', `${'a'.repeat(65)}@x.fi`, 'a@-x.fi', 'a@x..fi', '\u0000@x.fi'])
          : pick(r, [{ $gt: '' }, 12, [], { length: 1 }]);
      const value = Array.isArray(valid[f]) ? [bad] : bad;
      return { label: `invalid ${f}: ${JSON.stringify(bad).slice(0, 40)}`, json: withUnicode({ ...valid, [f]: value }) };
    },
    () => {
      if (!spec.ids?.length) return { label: 'null body', raw: 'null' };
      const f = pick(r, spec.ids);
      const bad = pick(r, ['x', '123', 'zzzzzzzzzzzzzzzzzzzzzzzz', '5f3c1b2a9d8e7f6a5b4c3d2', ' 5f3c1b2a9d8e7f6a5b4c3d2e', { $oid: '5f3c1b2a9d8e7f6a5b4c3d2e' }]);
      const value = Array.isArray(valid[f]) ? [bad] : bad;
      return { label: `invalid id in ${f}`, json: withUnicode({ ...valid, [f]: value }) };
    },
    () => {
      const depth = pick(r, [100, 1_000, 5_000, 20_000]);
      const open = Array.from({ length: depth }, (_, i) => (i % 2 ? '[' : '{"a":')).join('');
      const close = Array.from({ length: depth }, (_, i) => (i % 2 ? ']' : '}')).reverse().join('');
      return { label: `body nested ${depth} deep`, raw: `${open}${JSON.stringify(valid)}${close}` };
    },
    () => {
      const text = JSON.stringify(valid);
      const broken = pick(r, [
        text.slice(0, 1 + Math.floor((text.length - 2) * r())), `${text},`, `${text}}`, text.replace(':', '::'),
        text.replace(/:("[^"]*"|\d+)/, ':NaN'), text.replace(/:("[^"]*"|\d+)/, ':undefined'), `[${text}`, "{'a': 1}", '', ' ', 'null',
        '"just a string"', '42', '[]', `${text}${text}`, text.replace(/"/, '\u201c'),
      ]);
      return { label: `broken JSON: ${broken.slice(0, 30)}`, raw: broken };
    },
    () => {
      const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(pick(r, [[0xc3, 0x28], [0xff, 0xfe], [0xed, 0xa0, 0x80], [0xe2, 0x82]])), Buffer.from('","unknownField":1}')]);
      return { label: 'invalid UTF-8', raw: bytes };
    },
    () => ({ label: 'not JSON content type', raw: JSON.stringify(valid), contentType: pick(r, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) }),
    () => ({ label: 'JSON with a foreign charset', raw: JSON.stringify(valid), contentType: 'application/json; charset=utf-16' }),
    () => ({ label: 'top-level array of valid bodies', json: [valid, valid] }),
  ];

  for (let i = 0; i < spec.count; i++) out.push(mutations[i % mutations.length]!());
  return out;
}
