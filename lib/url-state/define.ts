// One table's URL state: its keys, and the parse (server page, route handler, browser controls) and
// serialise (the next address a control moves to) that both sides use, so the server and the browser
// cannot disagree on what a bookmarked address means. Unknown keys are dropped on the way through.
import type { FieldValue, UrlField } from "./fields";
import { type SearchParams, many } from "./search-params";

export type UrlStateOf<Fields> = { [Key in keyof Fields]: FieldValue<Fields[Key]> };

export interface UrlStateDefinition<State extends Record<string, unknown>> {
  readonly keys: readonly (keyof State & string)[];
  /** The columns the table may sort by (its `sort` key's choices); none when it has no sort. */
  readonly sortable: readonly string[];
  /** The state in a page's searchParams, a URLSearchParams or a form's fields. */
  parse(params: SearchParams | URLSearchParams): State;
  /** The URL's search params for `state`: known keys only, defaults left out. */
  serialise(state: Partial<State>): URLSearchParams;
  /** `pathname` with the search params for `state`. */
  href(pathname: string, state: Partial<State>): string;
}

export function defineUrlState<Fields extends Record<string, UrlField<unknown>>>(fields: Fields): UrlStateDefinition<UrlStateOf<Fields>> {
  type State = UrlStateOf<Fields>;
  const keys = Object.keys(fields) as (keyof State & string)[];
  const field = (key: string) => fields[key]!;

  function parse(params: SearchParams | URLSearchParams): State {
    const raw = (key: string) => (params instanceof URLSearchParams ? params.getAll(key) : many(params[key]));
    return Object.fromEntries(keys.map((key) => [key, field(key).read(raw(key), raw)])) as State;
  }

  function serialise(state: Partial<State>): URLSearchParams {
    // Fields left out of `state` are at their defaults, which are not written anyway.
    const complete = { ...parse({}), ...state } as Record<string, unknown>;
    const params = new URLSearchParams();
    for (const key of keys) for (const value of field(key).write(complete[key], complete)) params.append(key, value);
    return params;
  }

  function href(pathname: string, state: Partial<State>): string {
    const query = serialise(state).toString();
    return query ? `${pathname}?${query}` : pathname;
  }

  return { keys, sortable: fields.sort?.choices ?? [], parse, serialise, href };
}
