const { task, src, dest } = require('gulp');

// tsc emits JavaScript only; n8n loads the icons from beside the compiled files.
function copyIcons() {
	const sources = ['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'];
	return src(sources, { base: '.', encoding: false }).pipe(dest('dist'));
}

task('build:icons', copyIcons);
