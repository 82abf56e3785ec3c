import type { RowValue } from '../../../mapping/target-schema.ts';
import { badValue } from './bad-value.ts';
import { ColumnBuffer } from './column-buffer.ts';

/** STRING as length-prefixed UTF-8; a part whose values are all one string is only counted (see constantValue). */
export class StringBuffer extends ColumnBuffer {
  private pending = '';
  private first: string | undefined;
  /**
   * While every value so far equals `first` (lineage columns, the company), nothing is encoded: the values are only
   * counted, and written out the moment a different value arrives.
   */
  private constantRun = 0;

  protected stageValue(value: RowValue): void {
    if (typeof value !== 'string') throw badValue(this.name, 'STRING', value, 'must be a string');
    this.pending = value;
  }

  protected pushValue(): void {
    const v = this.pending;
    if (this.first === undefined) {
      this.first = v;
      this.constantRun = 1;
      return;
    }
    if (this.constantRun > 0) {
      if (v === this.first) {
        this.constantRun++;
        return;
      }
      for (let i = 0; i < this.constantRun; i++) this.values.lengthPrefixedUtf8(this.first);
      this.constantRun = 0;
    }
    this.values.lengthPrefixedUtf8(v);
  }

  override constantValue(): string | undefined {
    return this.constantRun > 0 ? this.first : undefined;
  }

  override get byteSize(): number {
    return this.values.len + this.defs.len + (this.constantRun > 0 ? 4 + (this.first?.length ?? 0) : 0);
  }

  protected override resetExtra(): void {
    this.first = undefined;
    this.constantRun = 0;
  }
}
