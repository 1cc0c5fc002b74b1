import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useUrlParams, type ParamChanges } from '../../components/url-state';
import { ErrorMessage, Loading } from '../../components/feedback';
import { Page } from '../../components/page';
import { Pagination } from '../../components/pagination';
import { useSelection } from '../../components/selection';
import { useCan } from '../../lib/access';
import {
  filterNames,
  pageSize,
  registerPath,
  useRegister,
  useScopeName,
  type Filters,
  type RegisterScope,
} from './api';
import { RegisterActions } from './register-actions';
import { RegisterFilters } from './register-filters';
import { RegisterTable } from './register-table';
import './register.css';

export type { RegisterScope } from './api';

/**
 * The Credential Register, whole or scoped to a learner, a course offer or a qualification (the seed system's
 * "Credentials" of each). Search, filters, page and a running action live in the URL: a reload keeps the place.
 */
export function RegisterPage({ scope }: { scope: RegisterScope }) {
  const params = useParams();
  const scopeId = params.learnerId ?? params.offerId ?? params.qualificationId;
  const [search, updateParams] = useUrlParams();
  const filters = useMemo(() => {
    const found: Filters = {};
    for (const name of filterNames) {
      const value = search.get(name);
      if (value) found[name] = value;
    }
    return found;
  }, [search]);
  const page = Math.max(1, Math.floor(Number(search.get('page'))) || 1);
  const run = search.get('run') ?? undefined;
  const register = useRegister(registerPath(scope, scopeId), filters, page);
  const scopeName = useScopeName(scope, scopeId);
  const canAct = useCan('requester');
  const selection = useSelection();

  // Ticks belong to the rows on screen: another page or other filters start with none.
  const shown = `${registerPath(scope, scopeId)}?${JSON.stringify(filters)}&${page}`;
  const [ticksFor, setTicksFor] = useState(shown);
  if (ticksFor !== shown) {
    setTicksFor(shown);
    selection.clear();
  }

  /** A filter change starts again at page 1. */
  function update(changes: ParamChanges, keepPage = false) {
    updateParams(keepPage ? changes : { ...changes, page: null });
  }

  const rows = register.data?.items ?? [];
  const ticked = rows.filter((row) => selection.has(row.id));
  const title =
    scope === 'all' ? 'Credential Register' : scopeName.name ? `Credentials · ${scopeName.name}` : 'Credentials';

  return (
    <Page title={title}>
      <ErrorMessage error={scopeName.error} />
      <RegisterFilters filters={filters} onChange={(change) => update(change)} ready={!register.isPending} />
      {canAct && <RegisterActions ticked={ticked} run={run} onRun={(id) => update({ run: id }, true)} />}
      {register.isPending ? (
        <Loading what="Loading credentials" />
      ) : register.isError && !register.data ? (
        <ErrorMessage error={register.error} title="Cannot show the register" />
      ) : (
        <>
          <ErrorMessage error={register.isError ? register.error : null} title="Cannot show that page" />
          {rows.length === 0 ? (
            <p role="status">No credentials match.</p>
          ) : (
            <RegisterTable rows={rows} selection={canAct ? selection : undefined} busy={register.isPlaceholderData} />
          )}
          <Pagination
            page={register.data?.page ?? page}
            pageSize={register.data?.pageSize ?? pageSize}
            total={register.data?.total ?? 0}
            onPage={(next) => update({ page: next > 1 ? String(next) : undefined }, true)}
          />
          {register.isPlaceholderData && <Loading what="Loading the next credentials" />}
        </>
      )}
    </Page>
  );
}
