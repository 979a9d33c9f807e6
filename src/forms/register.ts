// Register for an account: professionals who will record consent and refer.
import { areaOptions } from './areas.ts';
import { defineForm } from './define-form.ts';
import { emailAddress, mustAgree, oneOf, optionalPhoneNumber, requiredText, z } from './schemas.ts';

export interface RegistrationPayload {
  fullName: string;
  email: string;
  jobTitle: string;
  organisation: string;
  area: string;
  phone: string | undefined;
  agreedToResponsibilities: true;
}

export const registerForm = defineForm<RegistrationPayload>({
  name: 'register',
  title: 'Register for an account',
  page: '/register/',
  action: '/api/register',
  confirmationPage: '/register/confirmation/',
  submitLabel: 'Register',
  needsAccount: false,
  sections: [
    {
      fields: [
        { type: 'text', name: 'fullName', label: 'Full name', autocomplete: 'name', spellcheck: false, maxLength: 100 },
        {
          type: 'email',
          name: 'email',
          label: 'Work email address',
          hint: 'We will send the sign-in link to this address. Use your NHS or council address if you have one.',
          autocomplete: 'email',
          inputmode: 'email',
          spellcheck: false,
          maxLength: 254,
        },
        { type: 'text', name: 'jobTitle', label: 'Job title', autocomplete: 'organization-title', maxLength: 100 },
        {
          type: 'text',
          name: 'organisation',
          label: 'Organisation',
          hint: 'For example, Northshire Community Learning Disability Team',
          autocomplete: 'organization',
          maxLength: 200,
        },
        { type: 'radios', name: 'area', label: 'Which area do you mainly work in?', options: areaOptions },
        {
          type: 'tel',
          name: 'phone',
          label: 'Work phone number',
          optional: true,
          hint: 'The DSR team may call you about a referral.',
          autocomplete: 'tel',
          inputmode: 'tel',
          width: 20,
          maxLength: 30,
        },
        {
          type: 'agreement',
          name: 'agreedToResponsibilities',
          label: 'Looking after the information',
          statement:
            'I will share and use information from the register only to plan support for the people it is about, keep it confidential, and follow my organisation’s data protection policy.',
        },
      ],
    },
  ],
  schema: () =>
    z.object({
      fullName: requiredText(100),
      email: emailAddress(),
      jobTitle: requiredText(100),
      organisation: requiredText(200),
      area: oneOf(areaOptions),
      phone: optionalPhoneNumber(),
      agreedToResponsibilities: mustAgree(),
    }),
});
