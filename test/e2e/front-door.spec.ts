// The front door: the MDT works through the rating support tool, prints the summary and
// carries the agreed rating and its reasons into a referral; a parent asks for their son
// to be considered for the register and gets the acknowledgement. Once with JavaScript
// on and once with it off; every page on the way checked with axe.
import { expect, type Page } from "@playwright/test";
import { baseUrl } from "./site.ts";
import {
  birthDateForAge,
  choose,
  daysAgo,
  expectAccessible,
  expectErrorSummary,
  fillDate,
  newAddress,
  newWorkEmail,
  question,
  sentEmails,
  signInThroughApi,
  test,
  waitForEmail,
} from "./form-helpers.ts";

const teamEmail = "dsr.team@example.nhs.net";
const ratingQuestion =
  "What rating did the multidisciplinary team (MDT) agree?";

/** The rating radios of the referral form that are checked. */
const checkedRatings = (page: Page) =>
  question(page, ratingQuestion).locator('input[type="radio"]:checked');

for (const javaScript of [true, false]) {
  test.describe(`with JavaScript ${javaScript ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled: javaScript });

    test.describe("signed in", () => {
      test.use({
        storageState: async ({}, use) =>
          use(
            (
              await signInThroughApi(
                newWorkEmail(javaScript ? "tool-js" : "tool-nojs"),
                newAddress(),
              )
            ).storageState,
          ),
      });

      test("the referral form’s rating is empty until the professional chooses it", async ({
        page,
      }) => {
        await page.goto(baseUrl() + "/refer/");
        await expect(question(page, ratingQuestion)).toBeVisible();
        await expect(
          question(page, ratingQuestion).locator('input[type="radio"]'),
        ).toHaveCount(4);
        await expect(checkedRatings(page)).toHaveCount(0);
        // Each rating shows the national criteria beside it.
        await expect(question(page, ratingQuestion)).toContainText(
          "The risks cannot be managed safely in the community with the support that is in place.",
        );
        // Sent with other answers, the rating is still not chosen for them: it is an error.
        await page.getByLabel("Given name", { exact: true }).fill("Robin");
        await page.getByRole("button", { name: "Continue" }).click();
        {
          const summary = await expectErrorSummary(page);
          await expect(summary).toContainText(
            "Select the rating the MDT agreed",
          );
        }
        await expect(checkedRatings(page)).toHaveCount(0);
      });

      test("an MDT works through the rating support tool, prints the summary, and carries RED and its reasons into a referral", async ({
        page,
      }) => {
        test.setTimeout(180_000);
        await page.goto(baseUrl() + "/professionals/rating-support/");
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(
          "Rating support tool",
        );
        await expect(page.getByRole("main")).toContainText(
          "The multidisciplinary team (MDT) decides the rating",
        );
        await expectAccessible(page);
        await choose(
          page,
          "Is the person an inpatient in a mental health hospital now?",
          "No",
        );
        await choose(
          page,
          "Is the person, or the family or service caring for them, in crisis now?",
          "Yes",
        );
        await choose(
          page,
          "Can the current risks be managed safely in the community with the support in place?",
          "No",
        );
        await choose(
          page,
          "Is their family arrangement or placement at risk of breaking down?",
          "Yes",
        );
        await page
          .getByRole("button", { name: "See the suggested rating" })
          .click();

        await expect(page.getByRole("heading", { level: 1 })).toHaveText(
          "The suggested rating",
        );
        await expect(page).toHaveTitle(/^The suggested rating - /);
        await expect(
          page.getByRole("heading", {
            level: 2,
            name: /Suggested rating: RED/,
          }),
        ).toBeVisible();
        const because = page.locator("[data-because]");
        await expect(because).toContainText("in crisis now? Yes");
        await expect(because).toContainText("with the support in place? No");
        await expect(because).not.toContainText("placement");
        // The questions left unanswered are named, and the suggestion may be too low.
        await expect(page.locator("[data-missing]")).toContainText(
          "8 questions are not answered",
        );
        await expect(page.locator("[data-missing]")).toContainText(
          "Have they been admitted to a mental health hospital before?",
        );
        await expectAccessible(page);

        // The agreed rating is the MDT's to choose: not filled in from the suggestion.
        await expect(
          question(page, "What rating did the MDT agree?").locator(
            "input:checked",
          ),
        ).toHaveCount(0);
        await page.getByRole("button", { name: "Make the summary" }).click();
        {
          const summary = await expectErrorSummary(page);
          await expect(summary).toContainText(
            "Enter the date of the discussion",
          );
          await expect(summary).toContainText(
            "Say who took part in the discussion",
          );
          await expect(summary).toContainText(
            "Select the rating the MDT agreed",
          );
          await expect(summary).toContainText(
            "Say why the MDT agreed this rating",
          );
        }
        await expect(page).toHaveTitle(/^Error: The suggested rating/);
        await expectAccessible(page);

        const discussed = daysAgo(1);
        const reasons =
          "Mother can no longer keep him safe at home; two crisis calls this week.\nSchool placement has ended.";
        await fillDate(page, "Date of the discussion", discussed);
        await page
          .getByLabel("Who took part?", { exact: true })
          .fill(
            "Community nurse (learning disability team)\nSocial worker\nMother",
          );
        await choose(page, "What rating did the MDT agree?", "RED");
        await page
          .getByLabel("Why did the MDT agree this rating?", { exact: true })
          .fill(reasons);
        await page.getByRole("button", { name: "Make the summary" }).click();

        await expect(page.getByRole("heading", { level: 1 })).toHaveText(
          "Rating support summary",
        );
        const summary = page.getByRole("main");
        const discussedWords = new Date(
          Date.UTC(
            Number(discussed.year),
            Number(discussed.month) - 1,
            Number(discussed.day),
          ),
        ).toLocaleDateString("en-GB", {
          day: "numeric",
          month: "long",
          year: "numeric",
          timeZone: "UTC",
        });
        for (const shown of [
          discussedWords,
          "Social worker",
          "Mother can no longer keep him safe at home",
          "Rating the MDT agreed",
          "Not answered",
        ])
          await expect(summary).toContainText(shown);
        await expect(
          page.locator(".nhsuk-summary-list__row", {
            hasText: "Suggested rating",
          }),
        ).toContainText("RED");
        await expect(
          page.locator(".nhsuk-summary-list__row", {
            hasText: "Rating the MDT agreed",
          }),
        ).toContainText("RED");
        await expect(page.locator("[data-print]")).toBeVisible({
          visible: javaScript,
        });
        await expectAccessible(page);
        // Nothing the MDT typed is in the address.
        expect(page.url()).toBe(baseUrl() + "/professionals/rating-support/");

        // Printed on A4: the summary without the site's menus or the buttons.
        await page.emulateMedia({ media: "print" });
        await expect(
          page.getByRole("button", { name: "Refer with this rating" }),
        ).toBeHidden();
        await expect(page.locator(".nhsuk-header__navigation")).toBeHidden();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await page.emulateMedia({ media: "screen" });
        const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
        expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");

        // Into the referral form: RED, the date and the reasons, carried in the post, not the address.
        await page
          .getByRole("button", { name: "Refer with this rating" })
          .click();
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(
          "Refer someone to the DSR",
        );
        expect(page.url()).toBe(baseUrl() + "/refer/");
        await expect(
          question(page, ratingQuestion).getByLabel("RED", { exact: true }),
        ).toBeChecked();
        await expect(checkedRatings(page)).toHaveCount(1);
        await expect(
          page.getByLabel("Why was this rating agreed?", { exact: true }),
        ).toHaveValue(reasons);
        await expect(
          question(page, "Date the rating was agreed").getByLabel("Day", {
            exact: true,
          }),
        ).toHaveValue(discussed.day);
        await expect(
          question(page, "Date the rating was agreed").getByLabel("Year", {
            exact: true,
          }),
        ).toHaveValue(discussed.year);
        await expectAccessible(page);
      });
    });

    test("a parent asks for their son to be considered for the register and gets the acknowledgement", async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const parentEmail = newWorkEmail(
        javaScript ? "ask-js" : "ask-nojs",
      ).replace("@nhs.net", "@example.com");
      const son = {
        name: javaScript ? "Tobias Fernleigh" : "Caspian Wrenfield",
        born: birthDateForAge(14),
      };

      await page.goto(baseUrl() + "/families/");
      await page
        .getByRole("link", {
          name: "Ask for someone to be considered for the register",
        })
        .click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "Ask for someone to be considered for the register",
      );
      await expect(page.locator(".nhsuk-card--warning")).toContainText(
        "The DSR is not for emergencies",
      );
      await expectAccessible(page);

      await page.getByRole("button", { name: "Continue" }).click();
      {
        const summary = await expectErrorSummary(page);
        await expect(summary).toContainText("Select who is asking");
        await expect(summary).toContainText("Enter their full name");
        await expect(summary).toContainText("Say what is worrying you now");
        await expect(summary).toContainText(
          "Enter an email address or a phone number so the DSR team can contact you",
        );
      }
      await expectAccessible(page);

      await choose(page, "Who is asking?", "I am their parent or carer");
      await page.getByLabel("Their full name", { exact: true }).fill(son.name);
      await fillDate(page, "Their date of birth", son.born);
      await choose(page, "Which area do they live in?", "Riverton City");
      await page
        .getByLabel("What is worrying you now?", { exact: true })
        .fill(
          "He has been excluded from school and hurt himself twice this week.",
        );
      await choose(
        page,
        "Does the person know you are asking, and do they agree?",
        "Yes, they know and they agree",
      );
      await page
        .getByLabel("Your full name", { exact: true })
        .fill("Morwenna Fernleigh");
      await page
        .getByLabel("Your email address", { exact: true })
        .fill(parentEmail);
      await page.getByRole("button", { name: "Continue" }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        "Check your answers before sending your request",
      );
      await expect(page.getByRole("main")).toContainText(son.name);
      await expectAccessible(page);
      await page.getByRole("button", { name: "Send the request" }).click();

      await expect(page.locator(".nhsuk-panel h1")).toHaveText("Request sent");
      const reference =
        (await page.locator(".dsr-reference").textContent())?.trim() ?? "";
      expect(reference).toMatch(/^REQ-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
      await expect(page.getByRole("main")).toContainText(
        "within five working days",
      );
      await expect(page.locator(".nhsuk-card--warning")).toContainText(
        "The DSR is not for emergencies",
      );
      await expectAccessible(page);

      const acknowledgement = await waitForEmail((sent) =>
        sent.to.includes(parentEmail),
      );
      expect(acknowledgement.text).toContain(reference);
      expect(acknowledgement.text).toContain("within five working days");
      const team = await waitForEmail(
        (sent) => sent.to.includes(teamEmail) && sent.text.includes(reference),
      );
      for (const sent of [
        acknowledgement,
        team,
        ...(await sentEmails()).filter((message) =>
          message.text.includes(reference),
        ),
      ]) {
        for (const personal of [
          son.name,
          son.born.iso,
          "excluded from school",
          "Morwenna",
          parentEmail,
        ]) {
          if (sent === acknowledgement && personal === parentEmail) continue;
          expect(`${sent.subject}\n${sent.text}`).not.toContain(personal);
        }
      }
    });
  });
}

test("the way in for families is linked from the home page, the families page and the easy read guides", async ({
  request,
}) => {
  for (const path of [
    "/",
    "/families/",
    "/easy-read/the-dsr-and-you/",
    "/easy-read/young-people/",
  ]) {
    const html = await (await request.get(baseUrl() + path)).text();
    expect(html, path).toMatch(/<a href="\/ask\/"[^>]*>/);
  }
});
