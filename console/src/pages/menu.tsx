/** Placeholder: filled in by the page's own change. */
export function MenuPage(_props: Record<string, unknown>) {
  return (
    <section>
      <h1>Menu & hours</h1>
    </section>
  );
}
