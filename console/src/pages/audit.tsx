/** Placeholder: filled in by the page's own change. */
export function AuditPage(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Audit</h1>
    </section>
  );
}
