import { describe, expect, it } from 'vitest';
import { barChart } from './svg-bars.ts';

describe('barChart', () => {
  it('draws one labelled bar per value, widths in proportion, every value in text', () => {
    const svg = barChart('Spend', [
      { label: 'ACME', value: 200, text: '200.00 USD' },
      { label: 'EURO', value: 50, text: '50.00 USD' },
      { label: 'NONE', value: 0, text: '0.00 USD' },
    ]).text;
    const widths = [...svg.matchAll(/<rect class="bar" x="\d+" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([360, 90, 0]);
    for (const t of ['ACME', '200.00 USD', 'EURO', '50.00 USD', 'NONE', '0.00 USD'])
      expect(svg).toContain(`>${t}</text>`);
    expect(svg).toContain('aria-label="Spend"');
  });

  it('escapes labels from the data (a vendor name is not markup) and cuts long ones', () => {
    const svg = barChart('t', [{ label: '<script>x</script> & "Co"', value: 1, text: '1' }]).text;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;x&lt;/script&gt; &amp; &quot;Co&quot;');
    const long = barChart('t', [{ label: 'Meridian Fasteners S.A. de C.V. (Monterrey)', value: 1, text: '1' }]).text;
    expect(long).toContain('>Meridian Fasteners S.A. de …</text>');
  });

  it('a fixed maximum (percentages) keeps bars comparable across charts', () => {
    const svg = barChart('pct', [{ label: 'm', value: 50, text: '50 %' }], 100).text;
    expect(svg).toMatch(/<rect class="bar" x="\d+" y="\d+" width="180"/);
  });
});
