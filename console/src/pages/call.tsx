/** Placeholder: filled in by the page's own change. */
export function CallPage(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Call</h1>
    </section>
  );
}
