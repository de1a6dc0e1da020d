/**
 * Minimal protobuf wire format (varint and length-delimited fields), enough for the
 * CloudBase open-API messages. Hand-written on purpose: the emulator must be an
 * independent model of the platform, not a re-use of the SDK's protobufjs schema.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export class ProtobufDecodeError extends Error {}

export interface ProtobufField {
  fieldNumber: number;
  wireType: number;
  /** Set for varint fields (as unsigned 64-bit). */
  varint?: bigint;
  /** Set for length-delimited and fixed fields. */
  bytes?: Buffer;
}

/** Reads every top-level field of a message; throws ProtobufDecodeError on bad input. */
export function readFields(buffer: Buffer): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let offset = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (offset >= buffer.length) throw new ProtobufDecodeError('truncated varint');
      const byte = buffer[offset++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufDecodeError('varint too long');
    }
  };
  const take = (length: number): Buffer => {
    if (length < 0 || offset + length > buffer.length) throw new ProtobufDecodeError('field runs past the end');
    const slice = buffer.subarray(offset, offset + length);
    offset += length;
    return slice;
  };
  while (offset < buffer.length) {
    const key = readVarint();
    const fieldNumber = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (fieldNumber === 0) throw new ProtobufDecodeError('field number 0');
    switch (wireType) {
      case WIRE_VARINT:
        fields.push({ fieldNumber, wireType, varint: readVarint() });
        break;
      case WIRE_FIXED64:
        fields.push({ fieldNumber, wireType, bytes: take(8) });
        break;
      case WIRE_LENGTH_DELIMITED: {
        const length = readVarint();
        if (length > BigInt(buffer.length)) throw new ProtobufDecodeError('length runs past the end');
        fields.push({ fieldNumber, wireType, bytes: take(Number(length)) });
        break;
      }
      case WIRE_FIXED32:
        fields.push({ fieldNumber, wireType, bytes: take(4) });
        break;
      default:
        throw new ProtobufDecodeError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

function encodeVarint(value: bigint): Buffer {
  const bytes: number[] = [];
  let rest = BigInt.asUintN(64, value);
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0n);
  return Buffer.from(bytes);
}

/** Builds a message field by field, in the order written. */
export class ProtobufWriter {
  private readonly parts: Buffer[] = [];

  private key(fieldNumber: number, wireType: number): void {
    this.parts.push(encodeVarint(BigInt((fieldNumber << 3) | wireType)));
  }

  /** int32/uint32/int64 alike: negative values take ten bytes (two's complement), as protobuf does. */
  varint(fieldNumber: number, value: number): this {
    this.key(fieldNumber, WIRE_VARINT);
    this.parts.push(encodeVarint(BigInt(Math.trunc(value))));
    return this;
  }

  bytes(fieldNumber: number, value: Buffer): this {
    this.key(fieldNumber, WIRE_LENGTH_DELIMITED);
    this.parts.push(encodeVarint(BigInt(value.length)), value);
    return this;
  }

  string(fieldNumber: number, value: string): this {
    return this.bytes(fieldNumber, Buffer.from(value, 'utf8'));
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** Interprets an unsigned 64-bit varint as a signed int32 (protobuf int32 semantics). */
export function varintToInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}
