/**
 * How one target column is stored in Parquet: the buffer for its type. Logical types are exact: DECIMAL with the
 * column's precision/scale (INT32 up to 9 digits, INT64 up to 18, big-endian FIXED_LEN_BYTE_ARRAY above), TIMESTAMP as
 * UTC-adjusted micros, DATE as days, STRING as UTF-8. Values are converted straight into their PLAIN-encoded bytes as
 * rows arrive (no intermediate arrays, no BigInt for the common cases); conversions never round.
 */
import type { TargetColumn } from '../../../mapping/target-schema.ts';
import type { ColumnBuffer } from './column-buffer.ts';
import {
  bigintConverter,
  decimalConverter,
  epochDayConverter,
  int32Converter,
  timestampMicrosConverter,
} from './column-converters.ts';
import { type ColumnElement, ConvertedType, PhysicalType } from './column-element.ts';
import { FixedDecimalBuffer } from './fixed-decimal-buffer.ts';
import { BooleanBuffer, DoubleBuffer, Int32Buffer, Int64Buffer } from './number-buffers.ts';
import { StringBuffer } from './string-buffer.ts';

const DECIMAL_TYPE = /^DECIMAL\((\d+),(\d+)\)$/;

/** Bytes a two's-complement integer of `precision` decimal digits needs. */
function decimalByteLength(precision: number): number {
  const max = 10n ** BigInt(precision) - 1n;
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) - 1n < max) bytes++;
  return bytes;
}

function decimalBuffer(name: string, type: string, precision: number, scale: number): ColumnBuffer {
  if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
    throw new TypeError(`column ${name}: unsupported ${type}`);
  }
  const element: ColumnElement = {
    name,
    physical: PhysicalType.INT64,
    converted: ConvertedType.DECIMAL,
    precision,
    scale,
    logical: { kind: 'DECIMAL', precision, scale },
  };
  const convert = decimalConverter(name, type, precision, scale);
  if (precision <= 9) {
    return new Int32Buffer({ ...element, physical: PhysicalType.INT32 }, (v) => Number(convert(v)));
  }
  if (precision <= 18) return new Int64Buffer(element, convert);
  const typeLength = decimalByteLength(precision);
  return new FixedDecimalBuffer({ ...element, physical: PhysicalType.FIXED_LEN_BYTE_ARRAY, typeLength }, convert);
}

/** A fresh buffer for one target column (throws TypeError for a type it cannot store). */
export function columnBuffer(column: TargetColumn): ColumnBuffer {
  const { name, type } = column;
  const decimal = DECIMAL_TYPE.exec(type);
  if (decimal) return decimalBuffer(name, type, Number(decimal[1]), Number(decimal[2]));
  switch (type) {
    case 'STRING':
      return new StringBuffer({
        name,
        physical: PhysicalType.BYTE_ARRAY,
        converted: ConvertedType.UTF8,
        logical: { kind: 'STRING' },
      });
    case 'BIGINT':
      return new Int64Buffer({ name, physical: PhysicalType.INT64 }, bigintConverter(name));
    case 'INT':
      return new Int32Buffer({ name, physical: PhysicalType.INT32 }, int32Converter(name));
    case 'DOUBLE':
      return new DoubleBuffer({ name, physical: PhysicalType.DOUBLE });
    case 'BOOLEAN':
      return new BooleanBuffer({ name, physical: PhysicalType.BOOLEAN });
    case 'TIMESTAMP':
      return new Int64Buffer(
        {
          name,
          physical: PhysicalType.INT64,
          converted: ConvertedType.TIMESTAMP_MICROS,
          logical: { kind: 'TIMESTAMP_MICROS_UTC' },
        },
        timestampMicrosConverter(name),
      );
    case 'DATE':
      return new Int32Buffer(
        { name, physical: PhysicalType.INT32, converted: ConvertedType.DATE, logical: { kind: 'DATE' } },
        epochDayConverter(name),
      );
    default:
      throw new TypeError(`column ${name}: unsupported type ${type}`);
  }
}
