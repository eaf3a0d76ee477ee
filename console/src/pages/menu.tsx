import { href } from '../router';
import { DepartmentsSection } from './menu/departments';
import { HolidaysSection } from './menu/holidays';
import { HoursSection } from './menu/hours';
import { PreviewSection } from './menu/preview';
import { SettingsSection } from './menu/settings';
import './menu/menu.css';

const SECTIONS = [
  { path: 'departments', label: 'Departments' },
  { path: 'settings', label: 'Settings & prompts' },
  { path: 'hours', label: 'Hours' },
  { path: 'holidays', label: 'Holidays' },
  { path: 'preview', label: 'Preview' },
] as const;

type Section = (typeof SECTIONS)[number]['path'];

function isSection(value: string | undefined): value is Section {
  return SECTIONS.some((section) => section.path === value);
}

/** Menu & hours (#/menu/<section>): departments by default, each part on its own tab. */
export function MenuPage({ section }: { section?: string }) {
  const current: Section | undefined = section === undefined ? 'departments' : isSection(section) ? section : undefined;
  return (
    <section class="menu-page">
      <h1>Menu & hours</h1>
      <nav aria-label="Menu and hours">
        <ul class="tabs">
          {SECTIONS.map((item) => (
            <li key={item.path}>
              <a href={href(`/menu/${item.path}`)} aria-current={current === item.path ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <SectionPage section={current} />
    </section>
  );
}

function SectionPage({ section }: { section: Section | undefined }) {
  switch (section) {
    case 'departments':
      return <DepartmentsSection />;
    case 'settings':
      return <SettingsSection />;
    case 'hours':
      return <HoursSection />;
    case 'holidays':
      return <HolidaysSection />;
    case 'preview':
      return <PreviewSection />;
    case undefined:
      return (
        <p>
          There is no such part of the menu. <a href={href('/menu/departments')}>See the departments</a>.
        </p>
      );
  }
}
