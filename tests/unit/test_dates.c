/*
 * test_dates.c: the date resolver (src/dates.c), table-driven.
 *
 * Each row is a story date, a sentence, how many expressions the
 * sentence holds, and one of them with its resolved date, precision and
 * kind; a row with no expression is a sentence that must yield no date.
 * Every run also checks the output invariants (text order, no overlaps,
 * inside the text, valid dates) and runs on an exact-size copy of the
 * sentence with no NUL after it, so the sanitizer build catches a read
 * past the end.
 */
#include <stdlib.h>

#include "test.h"
#include "base/str.h"
#include "dates.h"

#define DAY DY_PREC_DAY
#define WEEK DY_PREC_WEEK
#define MON DY_PREC_MONTH
#define YR DY_PREC_YEAR

#define EXP DY_HOW_EXPLICIT
#define PAR DY_HOW_PARTIAL
#define REL DY_HOW_RELATIVE
#define OFF DY_HOW_OFFSET
#define MTH DY_HOW_MONTH
#define YRS DY_HOW_YEAR

#define R 20220106L /* Thursday 6 January 2022 */

struct row {
	long ref;         /* story date */
	const char *text; /* the sentence */
	int n;            /* expressions expected in it */
	const char *expr; /* one of them, NULL when n is 0 */
	long ymd;         /* its date */
	int prec;         /* enum dy_date_prec */
	int how;          /* enum dy_date_how */
};

#define NONE(ref, text) { ref, text, 0, NULL, 0, 0, 0 }

static const struct row rows[] = {
	/* The cases of the brief: story dated Thursday 2022-01-06 */
	{ R, "On the night of January 6, supporters stormed the Capitol.", 1,
	  "the night of January 6", 20220106, DAY, PAR },
	{ R, "On Thursday morning, police fired tear gas.", 1,
	  "Thursday morning", 20220106, DAY, REL },
	{ R, "Fighting broke out on January 2 in Almaty.", 1, "January 2",
	  20220102, DAY, PAR },
	{ R, "Last night, protesters set fire to the mayor's office.", 1,
	  "Last night", 20220105, DAY, REL },
	{ R, "Earlier this week the government resigned.", 1,
	  "Earlier this week", 20220103, WEEK, REL },
	{ R, "Elections were held in 2020.", 1, "2020", 20200101, YR, YRS },
	{ R, "The treaty was signed three years ago.", 1, "three years ago",
	  20190101, YR, OFF },

	/* Full dates */
	{ R, "The attack took place on 6 January 2022.", 1, "6 January 2022",
	  20220106, DAY, EXP },
	{ R, "On January 6, 2021, rioters stormed the Capitol.", 1,
	  "January 6, 2021", 20210106, DAY, EXP },
	{ R, "Talks opened Jan. 6, 2022 in Geneva.", 1, "Jan. 6, 2022",
	  20220106, DAY, EXP },
	{ R, "Talks opened 6 Jan 2022 in Geneva.", 1, "6 Jan 2022", 20220106,
	  DAY, EXP },
	{ R, "Talks opened 6 Jan. 2022 in Geneva.", 1, "6 Jan. 2022",
	  20220106, DAY, EXP },
	{ R, "It was signed on 6 January, 2022.", 1, "6 January, 2022",
	  20220106, DAY, EXP },
	{ R, "It was signed on 6th January 2022.", 1, "6th January 2022",
	  20220106, DAY, EXP },
	{ R, "It was signed on the 6th of January 2022.", 1,
	  "the 6th of January 2022", 20220106, DAY, EXP },
	{ R, "It was signed on 6th of January, 2022.", 1,
	  "6th of January, 2022", 20220106, DAY, EXP },
	{ R, "It was signed January 6 2022 in Minsk.", 1, "January 6 2022",
	  20220106, DAY, EXP },
	{ R, "It was signed on January 6th, 2022.", 1, "January 6th, 2022",
	  20220106, DAY, EXP },
	{ R, "Thursday, January 6, 2022 was cold.", 1,
	  "Thursday, January 6, 2022", 20220106, DAY, EXP },
	{ R, "Troops left on Thursday 6 January 2022.", 1,
	  "Thursday 6 January 2022", 20220106, DAY, EXP },
	{ R, "Troops left on Thursday the 6th of January 2022.", 1,
	  "Thursday the 6th of January 2022", 20220106, DAY, EXP },
	{ R, "Posted 2022-01-06 by the ministry.", 1, "2022-01-06", 20220106,
	  DAY, EXP },
	{ R, "Posted 2022/01/06 by the ministry.", 1, "2022/01/06", 20220106,
	  DAY, EXP },
	{ R, "Posted 2022-1-6 by the ministry.", 1, "2022-1-6", 20220106, DAY,
	  EXP },
	{ R, "ALMATY 2020.12.03 (AP) - Police dispersed a rally.", 1,
	  "2020.12.03", 20201203, DAY, EXP },
	{ R, "Der Vertrag vom 06.01.2022 gilt.", 1, "06.01.2022", 20220106,
	  DAY, EXP },
	{ R, "Signed 6.1.2022 in Vienna.", 1, "6.1.2022", 20220106, DAY, EXP },
	{ R, "Signed 13/1/2022 in London.", 1, "13/1/2022", 20220113, DAY,
	  EXP },
	{ R, "Signed 1/13/2022 in Washington.", 1, "1/13/2022", 20220113, DAY,
	  EXP },
	{ R, "Signed 6/6/2022 in Paris.", 1, "6/6/2022", 20220606, DAY, EXP },
	{ R, "Signed 25-12-2021 in Rome.", 1, "25-12-2021", 20211225, DAY,
	  EXP },
	{ R, "Signed 12-25-2021 in Boston.", 1, "12-25-2021", 20211225, DAY,
	  EXP },
	{ R, "Talks were held January 6-7, 2022 in Geneva.", 1,
	  "January 6-7, 2022", 20220106, DAY, EXP },
	{ R, "Talks were held 6-7 January 2022 in Geneva.", 1,
	  "6-7 January 2022", 20220106, DAY, EXP },
	{ R, "The attacks of Sept. 11, 2001 changed everything.", 1,
	  "Sept. 11, 2001", 20010911, DAY, EXP },
	{ R, "On December 31, 1999, Yeltsin resigned.", 1,
	  "December 31, 1999", 19991231, DAY, EXP },
	{ R, "Polls closed on 29 February 2020.", 1, "29 February 2020",
	  20200229, DAY, EXP },
	{ R, "Polls closed on February 29, 2000.", 1, "February 29, 2000",
	  20000229, DAY, EXP },
	{ R, "ON JANUARY 6, 2022 THE PARTY MET.", 1, "JANUARY 6, 2022",
	  20220106, DAY, EXP },
	{ R, "on january 6, 2022 the party met.", 1, "january 6, 2022",
	  20220106, DAY, EXP },
	{ R, "The vote on MAR 5, 2021 was close.", 1, "MAR 5, 2021", 20210305,
	  DAY, EXP },
	{ R, "The vote on Mar. 5, 2021 was close.", 1, "Mar. 5, 2021",
	  20210305, DAY, EXP },
	{ R, "Germany surrendered on May 9, 1945.", 1, "May 9, 1945",
	  19450509, DAY, EXP },
	{ R, "The law took effect on 1 May 2022.", 1, "1 May 2022", 20220501,
	  DAY, EXP },
	{ R, "Signed 6\xc2\xa0January\xc2\xa0" "2022 (no-break spaces).", 1,
	  "6\xc2\xa0January\xc2\xa0" "2022", 20220106, DAY, EXP },
	{ R, "Signed 2022\xe2\x80\x93" "01\xe2\x80\x93" "06 (en dashes).", 1,
	  "2022\xe2\x80\x93" "01\xe2\x80\x93" "06", 20220106, DAY, EXP },
	{ R, "(January 6, 2022) Troops arrived.", 1, "January 6, 2022",
	  20220106, DAY, EXP },
	{ R, "\xff 6 January 2022 after a stray byte", 1, "6 January 2022",
	  20220106, DAY, EXP },

	/* Full dates that are not, or not certainly, dates */
	NONE(R, "Signed 6/1/2022 in an unknown order."),
	NONE(R, "Signed 06-01-2022 in an unknown order."),
	NONE(R, "Signed 6/1/22 with a two-digit year."),
	NONE(R, "Signed 31.04.2022, a day that never was."),
	NONE(R, "Signed February 30, 2022, a day that never was."),
	NONE(R, "Signed February 29, 2022, not a leap year."),
	NONE(R, "Posted 2022-13-01 by a broken feed."),
	NONE(R, "Posted 2022-02-30 by a broken feed."),
	NONE(R, "Posted 0999-01-01 by a broken feed."),
	{ R, "\xff" "6 January 2022: the day is glued to a stray byte", 1,
	  "January 2022", 20220101, MON, EXP },

	/* Month and day, the year from the story */
	{ R, "Unrest began on Jan. 2 in Zhanaozen.", 1, "Jan. 2", 20220102,
	  DAY, PAR },
	{ R, "Unrest began on 2 January in Zhanaozen.", 1, "2 January",
	  20220102, DAY, PAR },
	{ R, "Unrest began on the 2nd of January.", 1, "the 2nd of January",
	  20220102, DAY, PAR },
	{ R, "Unrest began on January 2nd in Zhanaozen.", 1, "January 2nd",
	  20220102, DAY, PAR },
	{ R, "Unrest began on 2nd January in Zhanaozen.", 1, "2nd January",
	  20220102, DAY, PAR },
	{ R, "Unrest began on 2nd of January in Zhanaozen.", 1,
	  "2nd of January", 20220102, DAY, PAR },
	{ R, "Unrest began on Sunday, January 2 in Zhanaozen.", 1,
	  "Sunday, January 2", 20220102, DAY, PAR },
	{ R, "Talks on January 6\xe2\x80\x93" "7 ended early.", 1,
	  "January 6\xe2\x80\x93" "7", 20220106, DAY, PAR },
	{ R, "Prices rose on December 30.", 1, "December 30", 20211230, DAY,
	  PAR },
	{ R, "Prices rose on Dec. 31, officials said.", 1, "Dec. 31",
	  20211231, DAY, PAR },
	{ R, "Prices rose on the 31st of December.", 1, "the 31st of December",
	  20211231, DAY, PAR },
	{ R, "Payments are due January 31.", 1, "January 31", 20220131, DAY,
	  PAR },
	{ R, "The vote is set for March 5.", 1, "March 5", 20220305, DAY,
	  PAR },
	{ R, "The vote was held July 7.", 1, "July 7", 20220707, DAY, PAR },
	{ R, "The vote was held July 8.", 1, "July 8", 20210708, DAY, PAR },
	{ R, "Remember the attacks of Sept. 11.", 1, "Sept. 11", 20210911,
	  DAY, PAR },
	{ R, "Polls closed on February 29.", 1, "February 29", 20200229, DAY,
	  PAR },
	{ 20211228, "Talks resume on January 3.", 1, "January 3", 20220103,
	  DAY, PAR },
	{ 20220702, "Talks began on January 1.", 1, "January 1", 20220101,
	  DAY, PAR },
	{ 20220703, "Talks begin on January 1.", 1, "January 1", 20230101,
	  DAY, PAR },
	{ 20240301, "It happened on February 29.", 1, "February 29",
	  20240229, DAY, PAR },
	NONE(R, "It happened on April 31."),
	NONE(R, "It happened on January 32."),
	NONE(R, "They will march 5 miles to the square."),
	NONE(R, "The vote on the 6 of January."),

	/* Weekdays */
	{ R, "Police said on Thursday that the curfew stays.", 1, "Thursday",
	  20220106, DAY, REL },
	{ R, "Russia said Thursday that troops would go.", 1, "Thursday",
	  20220106, DAY, REL },
	{ R, "The airport was seized on Wednesday.", 1, "Wednesday",
	  20220105, DAY, REL },
	{ R, "The airport was seized on Friday.", 1, "Friday", 20211231, DAY,
	  REL },
	{ R, "The airport was seized on Monday.", 1, "Monday", 20220103, DAY,
	  REL },
	{ R, "The airport was seized on Sunday.", 1, "Sunday", 20220102, DAY,
	  REL },
	{ R, "The airport was seized on Saturday.", 1, "Saturday", 20220101,
	  DAY, REL },
	{ R, "Fuel prices doubled last Thursday.", 1, "last Thursday",
	  20211230, DAY, REL },
	{ R, "Fuel prices doubled last Friday.", 1, "last Friday", 20211231,
	  DAY, REL },
	{ R, "Talks resume next Thursday.", 1, "next Thursday", 20220113,
	  DAY, REL },
	{ R, "Talks resume next Monday.", 1, "next Monday", 20220110, DAY,
	  REL },
	{ R, "Talks resume next Friday.", 1, "next Friday", 20220107, DAY,
	  REL },
	{ R, "Talks resume this coming Thursday.", 1, "this coming Thursday",
	  20220113, DAY, REL },
	{ R, "Talks resume this Saturday.", 1, "this Saturday", 20220108, DAY,
	  REL },
	{ R, "Talks resume this Thursday.", 1, "this Thursday", 20220106, DAY,
	  REL },
	{ R, "Talks ended this past Tuesday.", 1, "this past Tuesday",
	  20220104, DAY, REL },
	{ R, "POLICE SAID ON THURSDAY THE CURFEW STAYS.", 1, "THURSDAY",
	  20220106, DAY, REL },
	{ R, "Thursday\xe2\x80\x99s attack killed 12.", 1, "Thursday",
	  20220106, DAY, REL },
	{ 20220101, "The decree came on Friday.", 1, "Friday", 20211231, DAY,
	  REL },
	{ 20220101, "The decree came last Saturday.", 1, "last Saturday",
	  20211225, DAY, REL },
	{ 20220101, "The decree comes next Monday.", 1, "next Monday",
	  20220103, DAY, REL },
	{ 20220101, "The decree came on Saturday.", 1, "Saturday", 20220101,
	  DAY, REL },
	{ 20220101, "The decree came on Sunday.", 1, "Sunday", 20211226, DAY,
	  REL },
	{ 20200301, "Voting ended on Saturday.", 1, "Saturday", 20200229, DAY,
	  REL },
	{ 20200301, "Voting began on Monday.", 1, "Monday", 20200224, DAY,
	  REL },
	{ 20241231, "Voting begins next Wednesday.", 1, "next Wednesday",
	  20250101, DAY, REL },
	NONE(R, "The Good Friday Agreement holds."),
	NONE(R, "The Sunday Times reported the deal."),
	NONE(R, "Black Friday sales fell."),
	NONE(R, "The Bloody Sunday inquiry reported."),
	NONE(R, "Super Tuesday primaries loom."),
	NONE(R, "Protests are held on Thursdays."),
	NONE(R, "Rallies fall on the last Friday of the month."),
	NONE(R, "Clashes on Thursday-Friday were reported."),

	/* Parts of a day */
	{ R, "Shots were heard Thursday night.", 1, "Thursday night",
	  20220106, DAY, REL },
	{ R, "Shots were heard Wednesday evening.", 1, "Wednesday evening",
	  20220105, DAY, REL },
	{ R, "Shots were heard early Thursday.", 1, "early Thursday",
	  20220106, DAY, REL },
	{ R, "Shots were heard late on Wednesday.", 1, "late on Wednesday",
	  20220105, DAY, REL },
	{ R, "Shots were heard early on Tuesday.", 1, "early on Tuesday",
	  20220104, DAY, REL },
	{ R, "Shots were heard late Wednesday night.", 1,
	  "late Wednesday night", 20220105, DAY, REL },
	{ R, "Shots were heard early Thursday morning.", 1,
	  "early Thursday morning", 20220106, DAY, REL },
	{ R, "Shots were heard in the early hours of Thursday.", 1,
	  "the early hours of Thursday", 20220106, DAY, REL },
	{ R, "Shots were heard on the morning of January 5.", 1,
	  "the morning of January 5", 20220105, DAY, PAR },
	{ R, "Shots were heard on the evening of 5 January 2022.", 1,
	  "the evening of 5 January 2022", 20220105, DAY, EXP },
	{ R, "On the night of Wednesday, January 5, shots rang out.", 1,
	  "the night of Wednesday, January 5", 20220105, DAY, PAR },
	{ R, "Shots were heard yesterday morning.", 1, "yesterday morning",
	  20220105, DAY, REL },
	{ R, "The strike starts tomorrow night.", 1, "tomorrow night",
	  20220107, DAY, REL },
	{ R, "The decree was signed late yesterday.", 1, "late yesterday",
	  20220105, DAY, REL },
	{ R, "The decree was signed early today.", 1, "early today", 20220106,
	  DAY, REL },
	{ R, "The decree was signed late last night.", 1, "late last night",
	  20220105, DAY, REL },
	{ R, "The decree was signed early January 6.", 1, "early January 6",
	  20220106, DAY, PAR },

	/* Days named from the story date */
	{ R, "The president spoke today.", 1, "today", 20220106, DAY, REL },
	{ R, "Today, the president spoke.", 1, "Today", 20220106, DAY, REL },
	{ R, "The president speaks tonight.", 1, "tonight", 20220106, DAY,
	  REL },
	{ R, "The president spoke this morning.", 1, "this morning", 20220106,
	  DAY, REL },
	{ R, "The president spoke this afternoon.", 1, "this afternoon",
	  20220106, DAY, REL },
	{ R, "The president speaks this evening.", 1, "this evening",
	  20220106, DAY, REL },
	{ R, "The president spoke earlier today.", 1, "earlier today",
	  20220106, DAY, REL },
	{ R, "The president speaks later today.", 1, "later today", 20220106,
	  DAY, REL },
	{ R, "The president spoke yesterday.", 1, "yesterday", 20220105, DAY,
	  REL },
	{ R, "Yesterday's vote was close.", 1, "Yesterday", 20220105, DAY,
	  REL },
	{ R, "The president spoke last evening.", 1, "last evening", 20220105,
	  DAY, REL },
	{ R, "The president spoke the day before yesterday.", 1,
	  "the day before yesterday", 20220104, DAY, REL },
	{ R, "The president speaks tomorrow.", 1, "tomorrow", 20220107, DAY,
	  REL },
	{ R, "The president speaks the day after tomorrow.", 1,
	  "the day after tomorrow", 20220108, DAY, REL },
	{ 20200301, "Results came yesterday.", 1, "yesterday", 20200229, DAY,
	  REL },
	{ 20200301, "Results came the day before yesterday.", 1,
	  "the day before yesterday", 20200228, DAY, REL },
	{ 20210301, "Results came yesterday.", 1, "yesterday", 20210228, DAY,
	  REL },
	{ 20000301, "Results came yesterday.", 1, "yesterday", 20000229, DAY,
	  REL },
	{ 21000301, "Results came yesterday.", 1, "yesterday", 21000228, DAY,
	  REL },
	{ 20241231, "Results come tomorrow.", 1, "tomorrow", 20250101, DAY,
	  REL },
	{ 20241230, "Results come the day after tomorrow.", 1,
	  "the day after tomorrow", 20250101, DAY, REL },
	{ 20220131, "Results come tomorrow.", 1, "tomorrow", 20220201, DAY,
	  REL },
	NONE(R, "The minister told USA Today about it."),
	NONE(R, "The minister told the Today programme about it."),
	NONE(R, "Russia Today broadcast the speech."),
	NONE(10101, "Nothing before year one: yesterday."),

	/* Weeks, months and years from the story date */
	{ R, "Prices rose this week.", 1, "this week", 20220103, WEEK, REL },
	{ R, "Prices rose last week.", 1, "last week", 20211227, WEEK, REL },
	{ R, "Prices rise next week.", 1, "next week", 20220110, WEEK, REL },
	{ R, "Prices rise later this week.", 1, "later this week", 20220103,
	  WEEK, REL },
	{ R, "Prices rise early next week.", 1, "early next week", 20220110,
	  WEEK, REL },
	{ R, "Prices rose this month.", 1, "this month", 20220101, MON, REL },
	{ R, "Prices rose last month.", 1, "last month", 20211201, MON, REL },
	{ R, "Prices rise next month.", 1, "next month", 20220201, MON, REL },
	{ R, "Prices rose earlier this month.", 1, "earlier this month",
	  20220101, MON, REL },
	{ R, "Prices rose this year.", 1, "this year", 20220101, YR, REL },
	{ R, "Prices rose last year.", 1, "last year", 20210101, YR, REL },
	{ R, "Prices rise next year.", 1, "next year", 20230101, YR, REL },
	{ R, "Prices rose earlier this year.", 1, "earlier this year",
	  20220101, YR, REL },
	{ R, "Prices rise later this year.", 1, "later this year", 20220101,
	  YR, REL },
	{ R, "Prices rose late last year.", 1, "late last year", 20210101, YR,
	  REL },
	{ R, "Last year's election was disputed.", 1, "Last year", 20210101,
	  YR, REL },
	{ 20220103, "Prices rose last week.", 1, "last week", 20211227, WEEK,
	  REL },
	{ 20220109, "Prices rose this week.", 1, "this week", 20220103, WEEK,
	  REL },
	{ 20211230, "Prices rise next week.", 1, "next week", 20220103, WEEK,
	  REL },
	{ 20210101, "Prices rose this week.", 1, "this week", 20201228, WEEK,
	  REL },
	{ 20220131, "Prices rose last month.", 1, "last month", 20211201, MON,
	  REL },
	{ 20221215, "Prices rise next month.", 1, "next month", 20230101, MON,
	  REL },
	{ 20220315, "Prices rose last month.", 1, "last month", 20220201, MON,
	  REL },
	NONE(R, "Prices rose over the last week."),
	NONE(R, "The next year will be hard."),
	NONE(R, "Prices rose over the past week."),

	/* Counted from the story date */
	{ R, "The talks collapsed two days ago.", 1, "two days ago", 20220104,
	  DAY, OFF },
	{ R, "The talks collapsed a week ago.", 1, "a week ago", 20211227,
	  WEEK, OFF },
	{ R, "The talks collapsed three weeks ago.", 1, "three weeks ago",
	  20211213, WEEK, OFF },
	{ R, "The talks collapsed a month ago.", 1, "a month ago", 20211201,
	  MON, OFF },
	{ R, "The talks collapsed three months ago.", 1, "three months ago",
	  20211001, MON, OFF },
	{ R, "The talks collapsed 18 months ago.", 1, "18 months ago",
	  20200701, MON, OFF },
	{ R, "The talks collapsed a year ago.", 1, "a year ago", 20210101, YR,
	  OFF },
	{ R, "The talks collapsed two years ago.", 1, "two years ago",
	  20200101, YR, OFF },
	{ R, "The party was founded 20 years ago.", 1, "20 years ago",
	  20020101, YR, OFF },
	{ R, "The party was founded twenty-five years ago.", 1,
	  "twenty-five years ago", 19970101, YR, OFF },
	{ R, "The talks collapsed 10 days ago.", 1, "10 days ago", 20211227,
	  DAY, OFF },
	{ R, "Talks resume 3 days from now.", 1, "3 days from now", 20220109,
	  DAY, OFF },
	{ R, "Talks resume two weeks from now.", 1, "two weeks from now",
	  20220117, WEEK, OFF },
	{ 20200301, "The talks collapsed one day ago.", 1, "one day ago",
	  20200229, DAY, OFF },
	{ 20220315, "The talks collapsed one month ago.", 1, "one month ago",
	  20220201, MON, OFF },
	NONE(R, "The talks collapsed two days later."),
	NONE(R, "The talks collapsed 10 days earlier."),
	NONE(R, "The talks collapsed a week after the vote."),
	NONE(R, "The talks collapsed a few days ago."),
	NONE(R, "The talks collapsed years ago."),
	NONE(R, "Prices rose over the last three years."),
	NONE(R, "The talks collapsed 3.5 years ago."),

	/* Months */
	{ R, "The protests began in March.", 1, "March", 20210301, MON, MTH },
	{ R, "The protests began in January.", 1, "January", 20220101, MON,
	  MTH },
	{ R, "The protests began in December.", 1, "December", 20211201, MON,
	  MTH },
	{ R, "The protests have gone on since March.", 1, "March", 20210301,
	  MON, MTH },
	{ R, "The protests began in early March.", 1, "early March", 20210301,
	  MON, MTH },
	{ R, "The protests began in mid-March.", 1, "mid-March", 20210301,
	  MON, MTH },
	{ R, "The protests began late March.", 1, "late March", 20210301, MON,
	  MTH },
	{ R, "The protests began last March.", 1, "last March", 20210301, MON,
	  MTH },
	{ R, "The vote is due next March.", 1, "next March", 20220301, MON,
	  MTH },
	{ R, "The vote is due this March.", 1, "this March", 20220301, MON,
	  MTH },
	{ R, "The vote was held last January.", 1, "last January", 20210101,
	  MON, MTH },
	{ R, "The vote is due next January.", 1, "next January", 20230101,
	  MON, MTH },
	{ R, "The vote is due this December.", 1, "this December", 20221201,
	  MON, MTH },
	{ R, "The vote was held in May.", 1, "May", 20210501, MON, MTH },
	{ R, "The vote was held in Sept.", 1, "Sept", 20210901, MON, MTH },
	{ 20220715, "The vote was held in March.", 1, "March", 20220301, MON,
	  MTH },
	{ 20220715, "The vote was held last March.", 1, "last March",
	  20220301, MON, MTH },
	{ 20220715, "The vote is due next March.", 1, "next March", 20230301,
	  MON, MTH },
	{ 20220715, "The vote is held in July.", 1, "July", 20220701, MON,
	  MTH },
	{ 20220715, "The vote was held in August.", 1, "August", 20210801,
	  MON, MTH },
	{ R, "The vote was held in January 2022.", 1, "January 2022",
	  20220101, MON, EXP },
	{ R, "The vote was held in Jan. 2022.", 1, "Jan. 2022", 20220101, MON,
	  EXP },
	{ R, "The vote was held in January, 2022.", 1, "January, 2022",
	  20220101, MON, EXP },
	{ R, "Prices have risen since March 2020.", 1, "March 2020", 20200301,
	  MON, EXP },
	{ R, "The March 2022 report was published.", 1, "March 2022",
	  20220301, MON, EXP },
	{ R, "The vote was held in May 2022.", 1, "May 2022", 20220501, MON,
	  EXP },
	NONE(R, "May I ask a question?"),
	NONE(R, "The March on Washington was peaceful."),
	NONE(R, "Protesters march on parliament."),
	NONE(R, "Prices may rise in may."),
	NONE(R, "January-December figures were released."),
	NONE(R, "Figures for the January-December period were released."),
	NONE(R, "Figures in January-December were released."),
	NONE(R, "A Mayé 5 vote."),

	/* Years */
	{ R, "Violence has grown since 2019.", 1, "2019", 20190101, YR, YRS },
	{ R, "Troops will leave by 2030.", 1, "2030", 20300101, YR, YRS },
	{ R, "The mandate runs until 2025.", 1, "2025", 20250101, YR, YRS },
	{ R, "Prices fell during 2021.", 1, "2021", 20210101, YR, YRS },
	{ R, "Prices fell in early 2020.", 1, "early 2020", 20200101, YR,
	  YRS },
	{ R, "Prices fell in mid-2020.", 1, "mid-2020", 20200101, YR, YRS },
	{ R, "In 1989, the wall fell.", 1, "1989", 19890101, YR, YRS },
	{ R, "Crimea was annexed before 2015.", 1, "2015", 20150101, YR,
	  YRS },
	{ R, "Sanctions came after 2014.", 1, "2014", 20140101, YR, YRS },
	NONE(R, "Fans watched the 2022 World Cup."),
	NONE(R, "2022 was a hard year."),
	NONE(R, "Growth slowed in 2020s economies."),
	NONE(R, "Growth slowed in the 2020s."),
	NONE(R, "Aid reached people in 1500 villages."),
	NONE(R, "Growth slowed in 2020-21."),
	NONE(R, "Cases rose in 12,000 homes."),
	NONE(R, "Resolution 2022 passed."),

	/* Things that are not dates at all */
	NONE(R, "Article 6 guarantees the right."),
	NONE(R, "1,500 people marched."),
	NONE(R, "The meeting starts at 10:30."),
	NONE(R, "The meeting starts at 10am."),
	NONE(R, "2022\xe5\xb9\xb4" "1\xe6\x9c\x88" "6\xe6\x97\xa5"),
	NONE(R, ""),

	/* No valid story date: only forms carrying their year */
	{ 0, "Signed on 6 January 2022.", 1, "6 January 2022", 20220106, DAY,
	  EXP },
	{ 0, "Elections were held in 2020.", 1, "2020", 20200101, YR, YRS },
	{ 0, "The vote was held in January 2022.", 1, "January 2022",
	  20220101, MON, EXP },
	NONE(0, "The president spoke yesterday."),
	NONE(0, "Fighting broke out on January 2."),
	NONE(20220230, "Fighting broke out on Thursday."),

	/* Several expressions in one sentence */
	{ R, "On Thursday, a day after the January 5 talks, officials said "
	  "elections would be held in 2023.", 3, "Thursday", 20220106, DAY,
	  REL },
	{ R, "On Thursday, a day after the January 5 talks, officials said "
	  "elections would be held in 2023.", 3, "January 5", 20220105, DAY,
	  PAR },
	{ R, "On Thursday, a day after the January 5 talks, officials said "
	  "elections would be held in 2023.", 3, "2023", 20230101, YR, YRS },
	{ R, "Protests that began on January 2 reached Almaty by Wednesday "
	  "night, two days ago, and went on last night.", 4, "January 2",
	  20220102, DAY, PAR },
	{ R, "Protests that began on January 2 reached Almaty by Wednesday "
	  "night, two days ago, and went on last night.", 4,
	  "Wednesday night", 20220105, DAY, REL },
	{ R, "Protests that began on January 2 reached Almaty by Wednesday "
	  "night, two days ago, and went on last night.", 4, "two days ago",
	  20220104, DAY, OFF },
	{ R, "Protests that began on January 2 reached Almaty by Wednesday "
	  "night, two days ago, and went on last night.", 4, "last night",
	  20220105, DAY, REL },
	{ R, "The 6 January 2022 statement recalled the 2020 vote and the "
	  "accord signed three years ago.", 2, "6 January 2022", 20220106,
	  DAY, EXP },
	{ R, "The 6 January 2022 statement recalled the 2020 vote and the "
	  "accord signed three years ago.", 2, "three years ago", 20190101,
	  YR, OFF },
	{ R, "Between 2019 and 2021, and again since March, prices rose.", 1,
	  "March", 20210301, MON, MTH },
	/* Overlapping readings: more tokens win, a tie keeps the earlier */
	{ R, "Talks ended on March 3 weeks ago.", 1, "3 weeks ago", 20211213,
	  WEEK, OFF },
	{ R, "On 6 January 20 people died.", 1, "6 January", 20220106, DAY,
	  PAR },
	{ R, "Last year, last month, last week and last night.", 4,
	  "last month", 20211201, MON, REL },
	{ R, "Last year, last month, last week and last night.", 4,
	  "last week", 20211227, WEEK, REL },
};

/* Expected signal-word modifiers. */
static const struct mod_row {
	const char *text; /* the sentence, story dated R */
	const char *expr; /* the one expression in it */
	int mod;          /* enum dy_date_mod */
} mod_rows[] = {
	{ "Violence has grown since 2019.", "2019", DY_DATE_MOD_SINCE },
	{ "Prices fell from March onwards.", "March", DY_DATE_MOD_SINCE },
	{ "Talks have stalled since Thursday.", "Thursday",
	  DY_DATE_MOD_SINCE },
	{ "Troops will leave by 2030.", "2030", DY_DATE_MOD_BEFORE },
	{ "The mandate runs until next year.", "next year",
	  DY_DATE_MOD_BEFORE },
	{ "Crimea was annexed before 2015.", "2015", DY_DATE_MOD_BEFORE },
	{ "Sanctions came after 2014.", "2014", DY_DATE_MOD_AFTER },
	{ "Elections were held in 2020.", "2020", DY_DATE_MOD_NONE },
	{ "Police said on Thursday.", "Thursday", DY_DATE_MOD_NONE },
};

static int span_is(const char *text, const struct dy_timex *t,
		   const char *want)
{
	return dy_str_eq(dy_str_make(text + t->off, t->len), dy_str_c(want));
}

/* What every answer must satisfy. */
static void check_invariants(const char *text, size_t n,
			     const struct dy_timex *out, size_t count)
{
	size_t i;

	(void)text;
	for (i = 0; i < count; i++) {
		CHECK(out[i].len > 0);
		CHECK((size_t)out[i].off + out[i].len <= n);
		CHECK(dy_ymd_valid(out[i].ymd));
		CHECK(out[i].prec <= DY_PREC_WEEK);
		CHECK(out[i].how <= DY_HOW_YEAR);
		CHECK(out[i].mod <= DY_DATE_MOD_AFTER);
		if (out[i].prec == DY_PREC_MONTH)
			CHECK(out[i].ymd % 100 == 1);
		if (out[i].prec == DY_PREC_YEAR)
			CHECK(out[i].ymd % 10000 == 101);
		if (i > 0)
			CHECK(out[i - 1].off + out[i - 1].len <= out[i].off);
	}
}

/* Run on an exact-size copy with nothing after it. */
static size_t find(const char *text, long ref, struct dy_timex *out,
		   size_t max)
{
	size_t n = strlen(text), count;
	char *copy = malloc(n ? n : 1);

	if (!copy)
		return 0;
	memcpy(copy, text, n);
	count = dy_dates_find(copy, n, ref, out, max);
	check_invariants(copy, n, out, count);
	free(copy);
	return count;
}

static void run_row(size_t k, const struct row *r)
{
	struct dy_timex out[16];
	size_t n, i;

	n = find(r->text, r->ref, out, 16);
	CHECK_MSG(n == (size_t)r->n, "row %zu \"%s\": %zu found, want %d", k,
		  r->text, n, r->n);
	for (i = 0; n != (size_t)r->n && i < n; i++)
		fprintf(stderr, "    found \"%.*s\" %ld %s %s\n",
			(int)out[i].len, r->text + out[i].off, out[i].ymd,
			dy_date_prec_name(out[i].prec),
			dy_date_how_name(out[i].how));
	if (!r->expr)
		return;
	for (i = 0; i < n; i++)
		if (span_is(r->text, &out[i], r->expr))
			break;
	CHECK_MSG(i < n, "row %zu \"%s\": \"%s\" not found", k, r->text,
		  r->expr);
	if (i == n)
		return;
	CHECK_MSG(out[i].ymd == r->ymd, "row %zu \"%s\": %ld, want %ld", k,
		  r->expr, out[i].ymd, r->ymd);
	CHECK_MSG(out[i].prec == r->prec, "row %zu \"%s\": prec %s, want %s",
		  k, r->expr, dy_date_prec_name(out[i].prec),
		  dy_date_prec_name(r->prec));
	CHECK_MSG(out[i].how == r->how, "row %zu \"%s\": how %s, want %s", k,
		  r->expr, dy_date_how_name(out[i].how),
		  dy_date_how_name(r->how));
}

static void test_table(void)
{
	size_t k;

	for (k = 0; k < sizeof(rows) / sizeof(rows[0]); k++)
		run_row(k, &rows[k]);
}

static void test_mods(void)
{
	struct dy_timex out[4];
	size_t k, n;

	for (k = 0; k < sizeof(mod_rows) / sizeof(mod_rows[0]); k++) {
		n = find(mod_rows[k].text, R, out, 4);
		CHECK_MSG(n == 1, "\"%s\": %zu found", mod_rows[k].text, n);
		if (n != 1)
			continue;
		CHECK(span_is(mod_rows[k].text, &out[0], mod_rows[k].expr));
		CHECK_MSG(out[0].mod == mod_rows[k].mod, "\"%s\": mod %s",
			  mod_rows[k].text, dy_date_mod_name(out[0].mod));
	}
}

/* `max` caps the output and keeps the first ones. */
static void test_max(void)
{
	const char *s = "yesterday, today and tomorrow";
	struct dy_timex out[3];

	CHECK_EQ_INT(find(s, R, out, 3), 3);
	CHECK_EQ_INT(find(s, R, out, 2), 2);
	CHECK(span_is(s, &out[1], "today"));
	CHECK_EQ_INT(find(s, R, out, 0), 0);
	CHECK_EQ_INT(dy_dates_find(NULL, 5, R, out, 3), 0);
	CHECK_EQ_INT(dy_dates_find(s, strlen(s), R, NULL, 3), 0);
}

/* n is the end even when the text goes on; and where two readings of
 * the same length overlap the earlier wins: "6 January 20" is not
 * "January 20". */
static void test_cut(void)
{
	const char *s = "Signed on 6 January 2022.";
	struct dy_timex out[2];

	CHECK_EQ_INT(dy_dates_find(s, 19, R, out, 2), 1);
	CHECK(out[0].off == 10 && out[0].len == 9);
	CHECK(out[0].ymd == 20220106 && out[0].how == DY_HOW_PARTIAL);
	CHECK_EQ_INT(dy_dates_find(s, 21, R, out, 2), 1);
	CHECK(out[0].off == 10 && out[0].len == 9);
	CHECK_EQ_INT(dy_dates_find(s, 22, R, out, 2), 1);
	CHECK(out[0].off == 10 && out[0].len == 9);
	CHECK(out[0].ymd == 20220106 && out[0].how == DY_HOW_PARTIAL);
	CHECK_EQ_INT(dy_dates_find(s, 24, R, out, 2), 1);
	CHECK(out[0].off == 10 && out[0].len == 14);
	CHECK(out[0].ymd == 20220106 && out[0].how == DY_HOW_EXPLICIT);
}

/* Many expressions, far more than the lexer's window. */
static void test_long(void)
{
	static char buf[8192];
	static struct dy_timex out[1024];
	size_t n = 0, count, i;
	const char *piece = "On Thursday, 6 Jan. 2022, some people met. ";

	while (n + strlen(piece) < sizeof(buf)) {
		memcpy(buf + n, piece, strlen(piece));
		n += strlen(piece);
	}
	count = dy_dates_find(buf, n, R, out, 1024);
	check_invariants(buf, n, out, count);
	CHECK_EQ_INT(count, n / strlen(piece));
	for (i = 0; i < count; i++)
		CHECK(out[i].ymd == 20220106 && out[i].how == DY_HOW_EXPLICIT);
}

static void test_names(void)
{
	CHECK_EQ_STR(dy_date_how_name(DY_HOW_EXPLICIT), "explicit");
	CHECK_EQ_STR(dy_date_how_name(DY_HOW_PARTIAL), "partial");
	CHECK_EQ_STR(dy_date_how_name(DY_HOW_RELATIVE), "relative");
	CHECK_EQ_STR(dy_date_how_name(DY_HOW_OFFSET), "offset");
	CHECK_EQ_STR(dy_date_how_name(DY_HOW_MONTH), "month");
	CHECK_EQ_STR(dy_date_how_name(DY_HOW_YEAR), "year");
	CHECK_EQ_STR(dy_date_how_name(-1), "?");
	CHECK_EQ_STR(dy_date_how_name(99), "?");
	CHECK_EQ_STR(dy_date_prec_name(DY_PREC_DAY), "day");
	CHECK_EQ_STR(dy_date_prec_name(DY_PREC_WEEK), "week");
	CHECK_EQ_STR(dy_date_prec_name(DY_PREC_MONTH), "month");
	CHECK_EQ_STR(dy_date_prec_name(DY_PREC_YEAR), "year");
	CHECK_EQ_STR(dy_date_mod_name(DY_DATE_MOD_SINCE), "since");
	CHECK_EQ_STR(dy_date_mod_name(7), "?");
}

int main(void)
{
	test_table();
	test_mods();
	test_max();
	test_cut();
	test_long();
	test_names();
	return test_report("test_dates");
}
