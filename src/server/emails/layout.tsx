// How every email is drawn. A template (one file per kind, beside this one) turns the
// facts stored in the outbox row into an email's content: its subject and a few blocks
// (paragraphs, a list of facts, a bulleted list, a line of SQL for the team). This
// module draws that one content twice: the HTML part with React Email's components, and
// the plain-text part line by line. Rendering is synchronous (react-dom's static
// markup), as the emails are drawn after the response, in the request's waitUntil,
// whose CPU time counts: see BENCHMARKS.md, Emails.
import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

/** A block of an email: each has a plain-text form and an HTML form. */
export type Block =
  /** A sentence or two; `link` (an address on the site) follows on its own line. */
  | { paragraph: string; link?: string }
  /** "Label: value" lines, such as the reference and the rating. */
  | { facts: readonly (readonly [label: string, value: string])[] }
  /** A bulleted list under a lead-in line, such as what must happen next. */
  | { list: readonly string[]; leadIn: string }
  /** A line of SQL for the DSR team to run. */
  | { code: string }
  /** Something the reader must see first, such as "URGENT". */
  | { notice: string };

export interface EmailContent {
  subject: string;
  blocks: readonly Block[];
}

/** What every template may use besides its facts: the site's address, for links. */
export interface EmailSite {
  siteUrl: string;
}

export interface DrawnEmail {
  subject: string;
  text: string;
  html: string;
}

export const serviceName = 'Dynamic Support Register';

function blockText(block: Block): string {
  if ('paragraph' in block) return block.link ? `${block.paragraph}\n${block.link}` : block.paragraph;
  if ('facts' in block) return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
  if ('list' in block) return [block.leadIn, ...block.list.map((item) => `- ${item}`)].join('\n');
  if ('code' in block) return block.code;
  return block.notice;
}

/** The plain-text part: blocks apart by a blank line, and the signature every email ends with. */
export function emailText(content: EmailContent, site: EmailSite): string {
  return `${content.blocks.map(blockText).join('\n\n')}\n\n--\n${serviceName}\n${site.siteUrl}/`;
}

// The NHS's own text colour, link blue and red, and Arial: the site's look, in styles
// every email client keeps (inline, no web fonts, no images).
const text: CSSProperties = { color: '#212b32', fontFamily: 'Arial, Helvetica, sans-serif', fontSize: '16px', lineHeight: '24px', margin: '0 0 16px' };
const styles = {
  body: { backgroundColor: '#f0f4f5', margin: 0, padding: '16px 0' },
  container: { backgroundColor: '#ffffff', maxWidth: '600px', padding: '24px', borderTop: '4px solid #005eb8' },
  text,
  link: { color: '#005eb8', textDecoration: 'underline', wordBreak: 'break-all' },
  fact: { ...text, margin: '0 0 4px' },
  facts: { margin: '0 0 16px' },
  list: { ...text, paddingLeft: '20px' },
  code: { ...text, fontFamily: '"Courier New", Courier, monospace', backgroundColor: '#f0f4f5', padding: '8px', wordBreak: 'break-all' },
  notice: { ...text, fontWeight: 'bold', borderLeft: '8px solid #d5281b', paddingLeft: '12px' },
  footer: { ...text, color: '#4c6272', fontSize: '14px', margin: 0 },
} satisfies Record<string, CSSProperties>;

function BlockHtml({ block }: { block: Block }): ReactNode {
  if ('paragraph' in block) {
    return (
      <Text style={styles.text}>
        {block.paragraph}
        {block.link && (
          <>
            <br />
            <Link href={block.link} style={styles.link}>
              {block.link}
            </Link>
          </>
        )}
      </Text>
    );
  }
  if ('facts' in block) {
    return (
      <Section style={styles.facts}>
        {block.facts.map(([label, value]) => (
          <Text style={styles.fact} key={label}>
            <strong>{label}:</strong> {value}
          </Text>
        ))}
      </Section>
    );
  }
  if ('list' in block) {
    return (
      <>
        <Text style={styles.text}>{block.leadIn}</Text>
        <ul style={styles.list}>
          {block.list.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </>
    );
  }
  if ('code' in block) return <Text style={styles.code}>{block.code}</Text>;
  return <Text style={styles.notice}>{block.notice}</Text>;
}

function EmailHtml({ content, site }: { content: EmailContent; site: EmailSite }) {
  return (
    <Html lang="en-GB" dir="ltr">
      <Head>
        <title>{content.subject}</title>
      </Head>
      <Preview>{content.subject}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          {content.blocks.map((block, index) => (
            <BlockHtml block={block} key={index} />
          ))}
          <Hr />
          <Text style={styles.footer}>
            {serviceName}
            <br />
            <Link href={`${site.siteUrl}/`} style={styles.link}>{`${site.siteUrl}/`}</Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

const doctype = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/** Both parts of one email, from one content. */
export function drawEmail(content: EmailContent, site: EmailSite): DrawnEmail {
  return {
    subject: content.subject,
    text: emailText(content, site),
    html: doctype + renderToStaticMarkup(<EmailHtml content={content} site={site} />),
  };
}
