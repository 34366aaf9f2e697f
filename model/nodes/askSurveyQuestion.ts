// Ask survey question: a voice survey asks one question of its survey form (Archy
// `askSurveyQuestion`, only in voice survey flows: https://help.mypurecloud.com/articles/ask-survey-question-action/).
// Compiles to the action as real exports write it: `surveyQuestion: {<form name>: {lit: {text}}}`
// naming the form's question, the question and the answer options as communications, what is said
// after no input or no match (export:andrewappleton/rjv-blueprint
// 10-Base Package/flows/RJV_MenhirVoiceSurvey_EN_v2-0.yaml line 54). It has no outputs: the
// survey goes on after it.
import { z } from "zod";
import * as A from "../../archy/construct";
import { isMap } from "../../archy/json";
import { expOf, isEmptyField, litOf } from "../../archy/values";
import { expression, nodeId } from "../types";
import {
  emitQuestion,
  importQuestion,
  QUESTION_FIELDS_DOC,
  QUESTION_KEYS,
  questionExpressions,
  questionShape,
} from "./botQuestion";
import { actionName } from "./emitContext";
import { keepRaw } from "./importContext";
import { defineNodeType, nodeSchema } from "./unit";

const formText = z.string().min(1).max(500);

export const askSurveyQuestion = defineNodeType({
  schema: nodeSchema("askSurveyQuestion", {
    /** The survey form's name (the one the voice survey is generated from). */
    surveyForm: formText,
    /** The question's text in the survey form. */
    surveyQuestion: formText,
    ...questionShape,
    /** The answer options read to the customer: an expression of type communication. */
    answer: expression.optional(),
    transitions: z.object({ next: nodeId }).strict(),
  }),
  summary: "A voice survey asks the customer one question of its survey form.",
  fields: `\`surveyForm\` (form name), \`surveyQuestion\` (the question's text in the form), ${QUESTION_FIELDS_DOC}, \`answer\` (optional communication expression)`,
  expressions: (n) => [
    ...questionExpressions(n),
    ...(n.answer !== undefined ? [{ field: "answer", text: n.answer }] : []),
  ],
  describe: (n) => `survey question ${JSON.stringify(n.surveyQuestion)}`,
  example: {
    label: "Question 1",
    surveyForm: "Customer survey",
    surveyQuestion: "Was the agent friendly?",
    question: 'MakeCommunication("Was the agent friendly?")',
    answer: 'MakeCommunication("Press 1 for yes. Press 2 for no.")',
    noInput: 'MakeCommunication("Please answer the question.")',
    noMatch: 'MakeCommunication("I did not understand you.")',
    endOfInputTimeoutSeconds: 2,
    transitions: { next: "Next" },
  },
  emit: (node, id, ctx) => {
    const { question, ...rest } = emitQuestion(node, ctx.expression);
    return [
      {
        askSurveyQuestion: {
          name: actionName(node, id),
          surveyQuestion: { [node.surveyForm]: A.lit({ text: node.surveyQuestion }) },
          question,
          ...(node.answer !== undefined ? { answer: A.exp(ctx.expression(node.answer)) } : {}),
          ...rest,
        },
      },
      ...ctx.goto(id, "next", node.transitions.next),
    ];
  },
  importer: {
    fields: ["name", "surveyQuestion", "answer", ...QUESTION_KEYS],
    map(a) {
      const forms = isMap(a.surveyQuestion) ? Object.entries(a.surveyQuestion) : [];
      const text = forms.length === 1 ? litOf(forms[0][1])?.value : undefined;
      if (
        !isMap(text) ||
        Object.keys(text).length !== 1 ||
        !formText.safeParse(text.text).success ||
        !formText.safeParse(forms[0][0]).success
      )
        return keepRaw("its survey question is not one question of one form, named literally");
      const question = importQuestion(a);
      if ("raw" in question) return keepRaw(question.raw);
      const answer = isEmptyField(a.answer) ? undefined : expOf(a.answer);
      if (!isEmptyField(a.answer) && answer === undefined) return keepRaw("its answer is not an expression");
      return {
        node: {
          type: "askSurveyQuestion",
          surveyForm: forms[0][0],
          surveyQuestion: text.text as string,
          ...question,
          ...(answer !== undefined ? { answer } : {}),
        },
        branches: { next: undefined },
      };
    },
  },
  // Ask Survey Question asks the question and waits for the customer's answer, which the survey
  // records (help.mypurecloud.com/articles/ask-survey-question-action/): scenarios give no survey
  // answers, so a run stops here.
  run: {
    askSurveyQuestion: (_a, rt) =>
      rt.cannot("the customer's answer to a voice survey question (scenarios give no survey answers)"),
  },
});
