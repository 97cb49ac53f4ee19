/** Abbreviations that end in a full stop inside a sentence ("Mr. Giles", "etc. and"). */
export const ABBREVIATIONS = new Set(
	(
		'mr mrs ms dr st vs etc eg ie al approx no vol ch pg pp jr sr prof sgt lt capt col gen rev ' +
		'fig mt ft inc ltd co dept est min max sec hr hrs mins jan feb mar apr jun jul aug sep sept ' +
		'oct nov dec mon tue tues wed thu thurs fri sat sun ave blvd rd'
	).split(' ')
);
