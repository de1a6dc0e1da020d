import { ProtobufDecodeError, ProtobufWriter, readFields, varintToInt32 } from './protobuf';

/**
 * The two protobuf messages of the cloud open-API path (docs/platform/cloud-wire.md, "An
 * open-API call on the wire"):
 *
 *   CommApiData     { 1 apiType int32 (0 = OPEN_API); 2 openapiData OpenApiData; 6 appid string }
 *   OpenApiData     { 1 repeated KeyValuePair pairs }
 *   KeyValuePair    { 1 key string; 2 value bytes (JSON text of that field); 3 contenttype; 4 filename }
 *   CommOpenApiResp { 1 respData bytes; 2 contentType string; 3 errorCode int32; 4 httpCode uint32 }
 */

export interface OpenApiPair {
  key: string;
  value: Buffer;
  contentType?: string;
  filename?: string;
}

export interface CommApiData {
  apiType: number;
  pairs: OpenApiPair[];
  appid?: string;
}

export function decodeCommApiData(buffer: Buffer): CommApiData {
  const message: CommApiData = { apiType: 0, pairs: [] };
  for (const field of readFields(buffer)) {
    if (field.fieldNumber === 1 && field.varint !== undefined) message.apiType = varintToInt32(field.varint);
    else if (field.fieldNumber === 2 && field.bytes) message.pairs.push(...decodeOpenApiData(field.bytes));
    else if (field.fieldNumber === 6 && field.bytes) message.appid = field.bytes.toString('utf8');
  }
  return message;
}

function decodeOpenApiData(buffer: Buffer): OpenApiPair[] {
  const pairs: OpenApiPair[] = [];
  for (const field of readFields(buffer)) {
    if (field.fieldNumber !== 1 || !field.bytes) continue;
    const pair: OpenApiPair = { key: '', value: Buffer.alloc(0) };
    for (const inner of readFields(field.bytes)) {
      if (!inner.bytes) continue;
      if (inner.fieldNumber === 1) pair.key = inner.bytes.toString('utf8');
      else if (inner.fieldNumber === 2) pair.value = Buffer.from(inner.bytes);
      else if (inner.fieldNumber === 3) pair.contentType = inner.bytes.toString('utf8');
      else if (inner.fieldNumber === 4) pair.filename = inner.bytes.toString('utf8');
    }
    if (!pair.key) throw new ProtobufDecodeError('KeyValuePair without key');
    pairs.push(pair);
  }
  return pairs;
}

export interface CommOpenApiResp {
  respData?: Buffer;
  contentType?: string;
  errorCode?: number;
  httpCode?: number;
}

export function encodeCommOpenApiResp(message: CommOpenApiResp): Buffer {
  const writer = new ProtobufWriter();
  // proto3 leaves default values off the wire.
  if (message.respData && message.respData.length > 0) writer.bytes(1, message.respData);
  if (message.contentType) writer.string(2, message.contentType);
  if (message.errorCode) writer.varint(3, message.errorCode);
  if (message.httpCode) writer.varint(4, message.httpCode);
  return writer.finish();
}
