/** JSON shapes of the SQL Statement Execution API 2.0, as far as this client reads them. */

export type StatementState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELED' | 'CLOSED';

export interface StatementResponse {
  statement_id: string;
  status: {
    state: StatementState;
    error?: { error_code?: string; message?: string };
    sql_state?: string;
  };
  manifest?: {
    schema?: { columns?: { name: string; type_name?: string; type_text?: string; position?: number }[] };
    total_chunk_count?: number;
    total_row_count?: number;
    truncated?: boolean;
  };
  result?: ResultChunk;
}

export interface ResultChunk {
  chunk_index?: number;
  row_offset?: number;
  row_count?: number;
  data_array?: (string | null)[][];
  next_chunk_index?: number;
  next_chunk_internal_link?: string;
}

/** True once a statement will not change state any more. */
export function isTerminal(state: StatementState): boolean {
  return state !== 'PENDING' && state !== 'RUNNING';
}
