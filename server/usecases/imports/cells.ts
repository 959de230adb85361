/** Reading and checking single CSV cells: what both customer and contact rows share. */
import { businessIdProblem } from '../../../shared/domain/businessId';
import { CUSTOMER_GROUP_FINNISH, CUSTOMER_GROUPS, SEGMENTS, type CustomerGroup, type Segment } from '../../../shared/domain/codes';
import { domainToAscii, normaliseEmail } from '../../../shared/domain/email';
import { REPLACEMENT_CHARACTER } from '../../csv/decode';
import type { HeaderMapping } from '../../csv/columns';
import { unescapeFormula } from '../../csv/write';
import { IdSchema } from '../../../shared/contract';
import { LIST_SEPARATOR, normalisePath, type ImportState, type RowError } from './importContext';

export class RowReader<F extends string> {
  readonly errors: RowError[] = [];

  constructor(
    private readonly fields: readonly string[],
    private readonly mapping: HeaderMapping<F>,
  ) {}

  column(field: F): string {
    return this.mapping.headerOf.get(field) ?? field;
  }

  error(field: F, message: string): void {
    this.errors.push({ column: this.column(field), message });
  }

  /** The trimmed cell, or undefined when the column is absent or the cell empty (empty leaves a field as it is). */
  cell(field: F, max = 1000): string | undefined {
    const i = this.mapping.index.get(field);
    if (i === undefined) return undefined;
    const raw = unescapeFormula((this.fields[i] ?? '').trim()).trim();
    if (raw === '') return undefined;
    if (raw.includes(REPLACEMENT_CHARACTER)) {
      this.error(field, 'holds bytes that are not valid UTF-8: save the file as CSV UTF-8');
      return undefined;
    }
    if (raw.length > max) {
      this.error(field, `must be at most ${max} characters`);
      return undefined;
    }
    return raw;
  }

  id(field: F): string | undefined {
    const v = this.cell(field, 100);
    if (v === undefined) return undefined;
    if (!IdSchema.safeParse(v.toLowerCase()).success) {
      this.error(field, 'is not an Asiakkuus id (24 hexadecimal characters)');
      return undefined;
    }
    return v.toLowerCase();
  }

  businessId(field: F): string | undefined {
    const v = this.cell(field, 20);
    if (v === undefined) return undefined;
    const problem = businessIdProblem(v);
    if (problem === 'format') this.error(field, `"${v}" is not a Finnish business ID (Y-tunnus) of the form 1234567-8`);
    else if (problem === 'check_digit') this.error(field, `"${v}" has a wrong check digit (Y-tunnus)`);
    return problem ? undefined : v;
  }

  segment(field: F): Segment | undefined {
    const v = this.cell(field, 20);
    if (v === undefined) return undefined;
    const upper = v.toUpperCase();
    if ((SEGMENTS as readonly string[]).includes(upper)) return upper as Segment;
    this.error(field, `unknown segment "${v}": use A, B, C or P`);
    return undefined;
  }

  customerGroup(field: F): CustomerGroup | undefined {
    const v = this.cell(field, 50);
    if (v === undefined) return undefined;
    const lower = v.toLowerCase();
    const group = CUSTOMER_GROUPS.find((g) => g === lower || CUSTOMER_GROUP_FINNISH[g] === lower);
    if (group) return group;
    this.error(field, `unknown customer group "${v}": use ${CUSTOMER_GROUPS.map((g) => `${g} (${CUSTOMER_GROUP_FINNISH[g]})`).join(', ')}`);
    return undefined;
  }

  /** Values separated by commas, semicolons or spaces. */
  list(field: F): string[] | undefined {
    const v = this.cell(field, 10_000);
    if (v === undefined) return undefined;
    return v.split(/[\s,;]+/).filter(Boolean);
  }

  domains(field: F): string[] | undefined {
    const items = this.list(field);
    if (!items) return undefined;
    const out: string[] = [];
    for (const item of items) {
      const ascii = domainToAscii(item.replace(/^@/, ''));
      if (ascii === null) this.error(field, `"${item}" is not a domain name`);
      else if (!out.includes(ascii)) out.push(ascii);
    }
    return out;
  }

  emails(field: F): string[] | undefined {
    const items = this.list(field);
    if (!items) return undefined;
    const out: string[] = [];
    for (const item of items) {
      const email = normaliseEmail(item);
      if (email === null) this.error(field, `"${item}" is not a valid email address`);
      else if (!out.includes(email)) out.push(email);
    }
    return out;
  }

  /** A user named by address: the responsible or backup manager. */
  user(field: F, state: ImportState): string | null | undefined {
    const v = this.cell(field, 320);
    if (v === undefined) return undefined;
    const email = normaliseEmail(v);
    const user = email ? state.users.get(email) : undefined;
    if (!user) {
      this.error(field, `no Asiakkuus user has the address "${v}"`);
      return undefined;
    }
    return user.id;
  }

  /** Classification paths (`Toimiala > Rakentaminen`) separated by `|`, as node ids of one tree. */
  classifications(field: F, state: ImportState, tree: 'organization' | 'contact'): string[] | undefined {
    const v = this.cell(field, 10_000);
    if (v === undefined) return undefined;
    const ids: string[] = [];
    for (const raw of v.split(LIST_SEPARATOR).map((s) => s.trim()).filter(Boolean)) {
      const id = state.classifications.byPath[tree].get(normalisePath(raw));
      if (!id) this.error(field, `unknown classification "${raw}" (write the path from the top, such as "Toimiala > Rakentaminen")`);
      else if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }
}
