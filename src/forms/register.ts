// Register for an account: professionals who will record consent and refer.
import { areaOptions } from './areas.ts';
import { defineForm } from './define-form.ts';
import { emailMessages, phoneMessages, textMessages } from './messages.ts';
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

export const registerForm = defineForm<'register', RegistrationPayload>({
  name: 'register',
  title: 'Register for an account',
  description: 'Register for an account to refer people to the Dynamic Support Register and record consent.',
  audience: 'professionals',
  page: '/register/',
  api: '/api/register',
  submitLabel: 'Register',
  needsAccount: false,
  confirmation: {
    page: '/register/confirmation/',
    title: 'Check your email',
    description: 'Registered: check your email for the link to finish.',
    formPageName: 'Register',
  },
  sql: 'register_professional',
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
  messages: {
    fullName: textMessages('Enter your full name', 'Full name', 100),
    email: emailMessages('your work'),
    jobTitle: textMessages('Enter your job title', 'Job title', 100),
    organisation: textMessages('Enter the organisation you work for', 'Organisation', 200),
    area: { required: 'Select the area you mainly work in' },
    phone: phoneMessages('your work'),
    agreedToResponsibilities: { required: 'Confirm that you will look after the information from the register' },
  },
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
