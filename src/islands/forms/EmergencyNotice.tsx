// The DSR is not a crisis service. This notice says so, and what to do instead,
// wherever a reader might be in trouble now: the home page, the family guides, and the
// forms a family uses (drawn inside the island there, so it stays when the server draws
// the form again or its confirmation). src/components/EmergencyNotice.astro draws this same component.
import site from '../../../content/site.json';

export function EmergencyNotice({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as 'h2' | 'h3';
  return (
    <div className="nhsuk-card nhsuk-card--warning" data-pagefind-ignore="">
      <div className="nhsuk-card__content">
        <Heading className="nhsuk-card__heading">The DSR is not for emergencies</Heading>
        <p className="nhsuk-card__description">
          Being on the register does not replace crisis support and does not make it slower. If someone is in danger now, call <strong>{site.crisis.emergency}</strong>.
          If you need urgent mental health help, call <strong>{site.crisis.urgent}</strong> and choose {site.crisis.urgentMentalHealthOption}, or contact the
          person's crisis team as their crisis plan says.
        </p>
      </div>
    </div>
  );
}
