import { CsvReader, parseCsvBytes } from '../../../server/csv/reader';
import { incompleteUtf8Tail } from '../../../server/csv/decode';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const BOM = [0xef, 0xbb, 0xbf];
const withBom = (s: string) => new Uint8Array([...BOM, ...Buffer.from(s, 'utf8')]);

/** Windows-1252 bytes of a string made only of Latin-1 characters (ä ö å are the same bytes there). */
const cp1252 = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

const fieldsOf = async (bytes: Uint8Array, chunkSize?: number) => (await parseCsvBytes(bytes, chunkSize)).records.map((r) => r.fields);

describe('CSV reader', () => {
  it('reads a UTF-8 file with a BOM and ; as Excel writes it, keeping ä ö å', async () => {
    const { records, info } = await parseCsvBytes(withBom('nimi;y-tunnus\r\nPäivänsäde Oy;1234567-1\r\nÅbo Yrkesinstitut;\r\n'));
    expect(info).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ';' });
    expect(records).toEqual([
      { line: 1, fields: ['nimi', 'y-tunnus'] },
      { line: 2, fields: ['Päivänsäde Oy', '1234567-1'] },
      { line: 3, fields: ['Åbo Yrkesinstitut', ''] },
    ]);
  });

  it('detects , as the delimiter from the header line', async () => {
    const { records, info } = await parseCsvBytes(utf8('name,business_id\n"Oy Ab; Ltd",1234567-1\n'));
    expect(info.delimiter).toBe(',');
    expect(records[1]!.fields).toEqual(['Oy Ab; Ltd', '1234567-1']);
  });

  it('reads quoted fields with line breaks, doubled quotes and delimiters, and reports the line each record starts on', async () => {
    const text = 'name;note\n"Kahvila ""Pulla""";"first line\r\nsecond; line"\nnext;x\n';
    const { records } = await parseCsvBytes(utf8(text));
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Kahvila "Pulla"', 'first line\r\nsecond; line'] },
      { line: 4, fields: ['next', 'x'] },
    ]);
  });

  it('gives the same records whatever the chunk size, even when a chunk ends inside a character or between CR and LF', async () => {
    const text = 'nimi;huom\r\n"Ä\r\nö";å\r\n\r\nKäärme;"x\r\ny"\r\nviimeinen;ilman rivinvaihtoa';
    const whole = await parseCsvBytes(withBom(text), 1 << 20);
    for (const size of [1, 2, 3, 5, 7]) {
      expect((await parseCsvBytes(withBom(text), size)).records).toEqual(whole.records);
    }
    expect(whole.records.map((r) => r.line)).toEqual([1, 2, 5, 7]);
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', async () => {
    const { records, info } = await parseCsvBytes(cp1252('nimi;osasto\nMetsätalo Ab;Yrityspalvelut\nÖljynvaihto Oy;Työvoimakoulutus\n'), 4);
    expect(info.encoding).toBe('windows-1252');
    expect(records.map((r) => r.fields[0])).toEqual(['nimi', 'Metsätalo Ab', 'Öljynvaihto Oy']);
  });

  it('reads Windows-1252 punctuation (€, curly quotes) that Latin-1 would not', async () => {
    const bytes = new Uint8Array([...Buffer.from('a;b\n', 'latin1'), 0x80, 0x3b, 0x93, 0x78, 0x94, 0x0a]);
    expect((await fieldsOf(bytes))[1]).toEqual(['€', '“x”']);
  });

  it('skips blank lines and lines of empty fields, and reports an unclosed quote at the end', async () => {
    const { records } = await parseCsvBytes(utf8('a;b\n\n;;\n1;2\n"open;3\n'));
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['1', '2'] },
      { line: 5, fields: ['open;3\n'], unterminatedQuote: true },
    ]);
  });

  it('keeps stray quotes inside unquoted fields and text after a closing quote', async () => {
    expect((await fieldsOf(utf8('a;b\n5" screen;"x"y\n')))[1]).toEqual(['5" screen', 'xy']);
  });

  it('counts lines right when the line ends change within the file (CRLF, LF, CR)', async () => {
    const { records } = await parseCsvBytes(utf8('nimi;osasto\r\nA Oy;"1\r\n2"\nB Oy;3\rC Oy;4'), 3);
    expect(records.map((r) => [r.line, r.fields[0]])).toEqual([[1, 'nimi'], [2, 'A Oy'], [4, 'B Oy'], [5, 'C Oy']]);
  });

  it('keeps doubled quotes of the quoted part when text follows the closing quote', async () => {
    expect((await fieldsOf(utf8('a;b\n"Kahvila ""Pulla""" Oy;x\n')))[1]).toEqual(['Kahvila "Pulla" Oy', 'x']);
  });

  it('stops at a record longer than the limit, naming the line it starts on, after the records before it', async () => {
    async function* chunks() {
      yield utf8('nimi;huom\nA Oy;x\n"B Oy;');
      for (let i = 0; i < 10; i++) yield utf8('pitkä teksti ilman loppua\n');
    }
    const reader = new CsvReader(chunks(), { maxRecordChars: 100 });
    const lines: number[] = [];
    const read = async () => {
      for await (const r of reader.records()) lines.push(r.line);
    };
    await expect(read()).rejects.toThrow('Line 3: a record is longer than 100 characters; is a quote left open?');
    expect(lines).toEqual([1, 2]);
  });

  it('refuses UTF-16 files with advice', async () => {
    await expect(parseCsvBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).rejects.toThrow(/UTF-16/);
  });

  it('knows which bytes at a chunk end start an unfinished UTF-8 character', () => {
    expect(incompleteUtf8Tail(utf8('abc'))).toBe(0);
    expect(incompleteUtf8Tail(utf8('ä'))).toBe(0);
    expect(incompleteUtf8Tail(utf8('ä').subarray(0, 1))).toBe(1);
    expect(incompleteUtf8Tail(utf8('€').subarray(0, 2))).toBe(2);
  });
});
