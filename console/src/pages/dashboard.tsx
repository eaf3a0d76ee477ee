/** Placeholder: filled in by the page's own change. */
export function DashboardPage(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Dashboard</h1>
    </section>
  );
}
