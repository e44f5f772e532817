/**
 * A typed request/response contract shared by caller and handler: the pattern string and the
 * payload and result types travel together, so both sides change in one place.
 */
export interface RpcContract<Req, Res> {
  readonly pattern: string;
  /** Phantom fields carrying the types; never set at run time. */
  readonly _request?: Req;
  readonly _response?: Res;
}

export type RpcRequest<C> = C extends RpcContract<infer Req, unknown> ? Req : never;
export type RpcResponse<C> = C extends RpcContract<unknown, infer Res> ? Res : never;

export function rpc<Req, Res>(pattern: string): RpcContract<Req, Res> {
  return { pattern };
}

/** The error payload a handler sends back; the caller turns it into the same HTTP status. */
export interface RpcErrorPayload {
  statusCode: number;
  message: string;
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RpcErrorPayload).statusCode === 'number' &&
    typeof (value as RpcErrorPayload).message === 'string'
  );
}
