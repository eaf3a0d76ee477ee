/** Placeholder: filled in by the page's own change. */
export function CallsPage(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Calls</h1>
    </section>
  );
}
