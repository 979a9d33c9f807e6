// To an address that already has an account, when someone asks for another: the person
// at the form is told nothing, so the form cannot be used to find out who has one.
import { defineEmail } from './template.ts';

export const accountExists = defineEmail<{ accountStatus: string }>({
  kind: 'account_exists',
  facts: ['accountStatus'],
  draw: ({ accountStatus }, { siteUrl }) => ({
    subject: 'You already have a Dynamic Support Register account',
    blocks: [
      ...(accountStatus === 'active'
        ? [
            { paragraph: 'Someone asked for a Dynamic Support Register account for this email address, but it already has one.' },
            { paragraph: 'You can sign in here:', link: `${siteUrl}/sign-in/` },
          ]
        : [
            {
              paragraph:
                'Someone asked for a Dynamic Support Register account for this email address, but it already has one, which is waiting for the DSR team to approve it. They will email you when it is ready.',
            },
          ]),
      { paragraph: 'If this was not you, you can ignore this email.' },
    ],
  }),
});
